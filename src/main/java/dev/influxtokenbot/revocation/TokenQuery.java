package dev.influxtokenbot.revocation;

import dev.influxtokenbot.managementapi.DatabaseToken;
import dev.influxtokenbot.managementapi.Permission;
import java.util.Locale;

/**
 * Which database tokens a list shows.
 *
 * @param text matched, ignoring case, against the start of the id, and anywhere in the description
 *     and the database names; empty matches every token
 * @param includeRevoked whether revoked tokens are shown too
 */
public record TokenQuery(String text, boolean includeRevoked) {
    public TokenQuery {
        text = text == null ? "" : text.strip();
    }

    public boolean matches(DatabaseToken token) {
        if (token.isRevoked() && !includeRevoked) {
            return false;
        }
        if (text.isEmpty()) {
            return true;
        }
        String needle = text.toLowerCase(Locale.ROOT);
        return token.id().toString().startsWith(needle)
                || contains(token.description(), needle)
                || token.permissions().stream()
                        .map(Permission::resource)
                        .anyMatch(resource -> contains(resource, needle));
    }

    private static boolean contains(String haystack, String lowerCaseNeedle) {
        return haystack.toLowerCase(Locale.ROOT).contains(lowerCaseNeedle);
    }
}
