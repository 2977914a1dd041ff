package dev.influxtokenbot.revocation;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The id of a database token: a UUID in its canonical 36-character form. Anything else, however
 * close, is refused before any request is made, so no path, query or encoded character typed in
 * Slack can reach the Management API.
 */
public record TokenId(UUID value) {
    private static final Pattern CANONICAL =
            Pattern.compile(
                    "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    public TokenId {
        Objects.requireNonNull(value, "value");
    }

    /** The token id written in {@code text}, or empty when it is not exactly a UUID. */
    public static Optional<TokenId> parse(String text) {
        if (text == null || text.length() != 36 || !CANONICAL.matcher(text).matches()) {
            return Optional.empty();
        }
        return Optional.of(new TokenId(UUID.fromString(text.toLowerCase(Locale.ROOT))));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
