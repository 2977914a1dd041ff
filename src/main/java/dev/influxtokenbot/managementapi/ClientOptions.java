package dev.influxtokenbot.managementapi;

import java.time.Duration;
import java.util.Objects;

/**
 * Timeouts and retries of the Management API client. Slack gives the bot 3 seconds to answer, but
 * calls run after that answer, so these bound how long a user waits for the outcome.
 */
public record ClientOptions(Duration connectTimeout, Duration requestTimeout, RetryPolicy reads) {
    public ClientOptions {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(reads, "reads");
    }

    public static ClientOptions defaults() {
        return new ClientOptions(
                Duration.ofSeconds(5), Duration.ofSeconds(10), RetryPolicy.defaults());
    }
}
