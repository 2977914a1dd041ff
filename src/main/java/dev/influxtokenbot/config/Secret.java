package dev.influxtokenbot.config;

import java.util.Objects;

/**
 * A credential read from the environment. Its text is handed out only by {@link #reveal()}, to the
 * code that sends it; everything that prints a secret (logs, exceptions, {@code toString} of the
 * records that hold one) sees a fixed placeholder instead.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The secret's text, for the one place that sends it to Slack or InfluxDB. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "[redacted]";
    }
}
