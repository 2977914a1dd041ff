package dev.influxtokenbot.bench;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes signed commands for {@code bench/wrk/signed.lua}, one per line. Slack signatures are valid
 * for five minutes, so the benchmark writes them just before each wrk run.
 *
 * <p>Usage: {@code WrkRequests OUT_FILE KIND COUNT FAKE_SLACK_URL}.
 */
public final class WrkRequests {
    private WrkRequests() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        String kind = args[1];
        int count = Integer.parseInt(args[2]);
        String responseBase = args[3] + "/response/wrk_" + kind + "-";

        try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (int i = 0; i < count; i++) {
                writer.write(SignedRequests.command(kind, i, responseBase + i).toLine());
                writer.newLine();
            }
        }
    }
}
