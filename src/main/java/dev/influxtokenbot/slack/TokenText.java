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
 * from them stays under Slack's 3000 characters even when every character must be escaped: at
 * worst, as {@code &amp;}, the description takes 996 and the permissions about 1,300.
 */
final class TokenText {
    static final int MAX_DESCRIPTION = 200;

    /** Database names shown in all, shared by the actions shown; the rest are only counted. */
    static final int MAX_RESOURCES = 8;

    static final int MAX_RESOURCE = 32;

    /** The API's actions are read and write; groups past these two are only counted. */
    static final int MAX_ACTIONS = 2;

    static final int MAX_ACTION = 10;

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
        int shownActions = Math.min(resourcesByAction.size(), MAX_ACTIONS);
        int resourcesPerAction = MAX_RESOURCES / shownActions;
        String shown =
                resourcesByAction.entrySet().stream()
                        .limit(MAX_ACTIONS)
                        .map(entry -> action(entry.getKey(), entry.getValue(), resourcesPerAction))
                        .collect(Collectors.joining(" · "));
        int otherActions = resourcesByAction.size() - shownActions;
        if (otherActions == 0) {
            return shown;
        }
        return shown + " · and " + otherActions + " other action" + (otherActions == 1 ? "" : "s");
    }

    private static String action(String action, List<String> resources, int maxResources) {
        List<String> shown =
                resources.stream().limit(maxResources).map(TokenText::resource).toList();
        String more =
                resources.size() > maxResources
                        ? " and " + (resources.size() - maxResources) + " more"
                        : "";
        return Markup.escape(Markup.truncate(action, MAX_ACTION))
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
