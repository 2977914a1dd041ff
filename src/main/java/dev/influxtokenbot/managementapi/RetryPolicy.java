package dev.influxtokenbot.managementapi;

import java.time.Duration;
import java.util.Objects;

/**
 * How reads are retried when the Management API fails in a way that may pass: a timeout, a broken
 * connection, 429 or 5xx. Writes are never retried: a revoke is sent once and then read back.
 *
 * @param attempts how many times a read is tried in all, at least 1
 * @param initialBackoff the wait before the second try; it doubles for each further try
 * @param maxBackoff the longest wait between two tries; a {@code Retry-After} longer than this ends
 *     the retries instead of being ignored
 */
public record RetryPolicy(int attempts, Duration initialBackoff, Duration maxBackoff) {
    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(3, Duration.ofMillis(250), Duration.ofSeconds(2));
    }

    /** The wait before try number {@code attempt + 1}, where the first try is number 1. */
    Duration backoffAfter(int attempt) {
        Duration wait = initialBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
