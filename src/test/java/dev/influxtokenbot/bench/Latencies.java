package dev.influxtokenbot.bench;

import java.util.Arrays;
import java.util.Locale;

/** Latency samples in nanoseconds, and their percentiles by nearest rank. */
final class Latencies {
    private final long[] sorted;

    Latencies(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no latency samples");
        }
        this.sorted = nanos.clone();
        Arrays.sort(sorted);
    }

    int count() {
        return sorted.length;
    }

    /** The smallest sample that {@code percent} percent of the samples do not exceed. */
    long percentile(double percent) {
        int rank = (int) Math.ceil(percent / 100 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    long max() {
        return sorted[sorted.length - 1];
    }

    /** Milliseconds with three decimals, the unit of every latency in the results. */
    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }
}
