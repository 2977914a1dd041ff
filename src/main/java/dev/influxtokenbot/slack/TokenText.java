package dev.influxtokenbot.slack;

import dev.influxtokenbot.managementapi.DatabaseToken;
import dev.influxtokenbot.managementapi.Permission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How a database token reads in Slack. Every piece has a bounded length, so that a section built
 * from them stays under Slack's 3000 characters even when every character must be escaped.
 */
final class TokenText {
    static final int MAX_DESCRIPTION = 200;
    static final int MAX_RESOURCES = 8;
    static final int MAX_RESOURCE = 40;

    private TokenText() {}

    static String id(DatabaseToken token) {
        return Markup.code(token.id().toString());
    }

    /** The description, escaped and shortened; "(no description)" when it is empty. */
    static String description(String description) {
        if (description.isBlank()) {
            return "_(no description)_";
        }
        return Markup.escape(Markup.truncate(description, MAX_DESCRIPTION));
    }

    /** Permissions grouped by action, such as {@code read: DatabaseOne · write: *}. */
    static String permissions(List<Permission> permissions) {
        if (permissions.isEmpty()) {
            return "no permissions";
        }
        Map<String, List<String>> resourcesByAction = new LinkedHashMap<>();
        for (Permission permission : permissions) {
            resourcesByAction
                    .computeIfAbsent(permission.action(), action -> new ArrayList<>())
                    .add(permission.resource());
        }
        return resourcesByAction.entrySet().stream()
                .map(entry -> action(entry.getKey(), entry.getValue()))
                .collect(Collectors.joining(" · "));
    }

    private static String action(String action, List<String> resources) {
        List<String> shown =
                resources.stream().limit(MAX_RESOURCES).map(TokenText::resource).toList();
        String more =
                resources.size() > MAX_RESOURCES
                        ? " and " + (resources.size() - MAX_RESOURCES) + " more"
                        : "";
        return Markup.escape(Markup.truncate(action, MAX_RESOURCE))
                + ": "
                + String.join(", ", shown)
                + more;
    }

    private static String resource(String resource) {
        return resource.equals("*") ? "*" : Markup.escape(Markup.truncate(resource, MAX_RESOURCE));
    }

    /** "Created …" and, where set, "expires …" (or "expired …") and "revoked …". */
    static String dates(DatabaseToken token, Instant now) {
        StringBuilder dates = new StringBuilder("Created ").append(Markup.date(token.createdAt()));
        token.expiry().ifPresent(expiry -> dates.append(" · ").append(expiryPhrase(expiry, now)));
        token.revocation()
                .ifPresent(revoked -> dates.append(" · *revoked* ").append(Markup.date(revoked)));
        return dates.toString();
    }

    /** The expiry date, marked when it has passed, or "never". */
    static String expiry(DatabaseToken token, Instant now) {
        return token.expiry()
                .map(expiry -> Markup.date(expiry) + (expiry.isAfter(now) ? "" : " (expired)"))
                .orElse("never");
    }

    private static String expiryPhrase(Instant expiry, Instant now) {
        return (expiry.isAfter(now) ? "expires " : "expired ") + Markup.date(expiry);
    }
}
