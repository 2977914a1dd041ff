package dev.influxtokenbot.testing;

import dev.influxtokenbot.testing.HostileText.Mutation;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * The hostile text of {@link HostileText} as jqwik generators. Built from jqwik's own parts where
 * it can be, so that a failing sample shrinks to the few characters that matter.
 */
public final class HostileArbitraries {
    private HostileArbitraries() {}

    /** Anything a user might type: every generator below, and {@link HostileText#next}. */
    public static Arbitrary<String> text() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, soup()),
                Tuple.of(2, Arbitraries.strings().all().ofMaxLength(40)),
                Tuple.of(1, controls()),
                Tuple.of(2, mutatedUuids()),
                Tuple.of(1, longLines()),
                Tuple.of(2, Arbitraries.randomValue(HostileText::next)));
    }

    /** Up to twelve pieces: fragments of markup and metacharacters, any characters, spaces. */
    public static Arbitrary<String> soup() {
        Arbitrary<String> piece =
                Arbitraries.frequencyOf(
                        Tuple.of(6, Arbitraries.of(HostileText.FRAGMENTS)),
                        Tuple.of(2, Arbitraries.strings().all().ofMinLength(1).ofMaxLength(6)),
                        Tuple.of(2, Arbitraries.of(HostileText.SEPARATORS)));
        return piece.list().ofMaxSize(12).map(pieces -> String.join("", pieces));
    }

    /** Lines of 10 to 20 KB. */
    public static Arbitrary<String> longLines() {
        return Combinators.combine(
                        soup().filter(text -> !text.isEmpty()),
                        Arbitraries.integers().between(10 * 1024, 20 * 1024))
                .as((text, length) -> text.repeat(length / text.length() + 1).substring(0, length));
    }

    /** C0 and C1 controls, DEL and the Unicode line and paragraph separators. */
    public static Arbitrary<String> controls() {
        return Arbitraries.strings()
                .withCharRange('\u0000', '\u001f')
                .withCharRange('\u007f', '\u009f')
                .withChars('\u2028', '\u2029')
                .ofMaxLength(12);
    }

    /** Canonical UUIDs in any mix of upper and lower case. */
    public static Arbitrary<String> uuids() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.longs(), Arbitraries.longs())
                .as(
                        (high, low, mask) ->
                                HostileText.mixedCase(new UUID(high, low).toString(), mask));
    }

    /** UUIDs with up to three changes; with none they shrink to a valid id. */
    public static Arbitrary<String> mutatedUuids() {
        Arbitrary<Mutation> mutation =
                Combinators.combine(
                                Arbitraries.of(Mutation.Kind.class),
                                Arbitraries.integers().between(0, 63),
                                Arbitraries.integers()
                                        .between(0, HostileText.UUID_NOISE.size() - 1))
                        .as(Mutation::new);
        return Combinators.combine(uuids(), mutation.list().ofMaxSize(3)).as(Mutation::applyAll);
    }
}
