package dev.influxtokenbot.revocation;

import java.util.Set;

/**
 * The Slack user ids that may list and revoke database tokens. An empty allowlist refuses everyone:
 * a bot that revokes credentials must fail closed.
 */
public record Allowlist(Set<String> userIds) {
    public Allowlist {
        userIds = Set.copyOf(userIds);
    }

    public boolean permits(String userId) {
        return userId != null && userIds.contains(userId);
    }

    public boolean isEmpty() {
        return userIds.isEmpty();
    }
}
