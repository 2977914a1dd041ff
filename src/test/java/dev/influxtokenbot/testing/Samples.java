package dev.influxtokenbot.testing;

import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Property checks over generated input: a property is checked on many samples drawn from a seeded
 * generator, so every run tries the same samples and a failure can be replayed. Set the system
 * property {@code samples.seed} to try others; a failure names its seed and sample.
 */
public final class Samples {
    /** The seed the build uses, so that it is repeatable. */
    public static final long DEFAULT_SEED = 20261203L;

    private Samples() {}

    /** Checks {@code property} on {@code count} samples drawn by {@code generator}. */
    public static <T> void check(int count, Function<Random, T> generator, Consumer<T> property) {
        long seed = Long.getLong("samples.seed", DEFAULT_SEED);
        Random random = new Random(seed);
        for (int i = 0; i < count; i++) {
            T sample = generator.apply(random);
            try {
                property.accept(sample);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(
                        "sample "
                                + i
                                + " of seed "
                                + seed
                                + " failed: "
                                + (sample instanceof String text
                                        ? HostileText.visible(text)
                                        : String.valueOf(sample)),
                        e);
            }
        }
    }

    /** One of the generators, with the given weights. */
    @SafeVarargs
    public static <T> Function<Random, T> oneOf(Weighted<T>... choices) {
        int total = 0;
        for (Weighted<T> choice : choices) {
            total += choice.weight();
        }
        int sum = total;
        return random -> {
            int pick = random.nextInt(sum);
            for (Weighted<T> choice : choices) {
                pick -= choice.weight();
                if (pick < 0) {
                    return choice.generator().apply(random);
                }
            }
            throw new IllegalStateException("weights add up to " + sum);
        };
    }

    public static <T> Weighted<T> weight(int weight, Function<Random, T> generator) {
        return new Weighted<>(weight, generator);
    }

    /** A generator and how often to use it. */
    public record Weighted<T>(int weight, Function<Random, T> generator) {}
}
