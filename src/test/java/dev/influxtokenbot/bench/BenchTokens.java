package dev.influxtokenbot.bench;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/** The database tokens the benchmark's fake Management API holds; fixed, so clients know them. */
final class BenchTokens {
    static final int COUNT = 20;

    /** On the bot's allowlist in the benchmark. */
    static final String REQUESTER = "UBENCH001";

    static final List<UUID> IDS =
            IntStream.rangeClosed(1, COUNT)
                    .mapToObj(
                            i -> UUID.fromString(String.format("b0000000-0000-4000-8000-%012d", i)))
                    .toList();

    private BenchTokens() {}
}
