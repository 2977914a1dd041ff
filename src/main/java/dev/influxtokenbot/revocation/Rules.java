package dev.influxtokenbot.revocation;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * Who may do what, and how long requests stay open.
 *
 * @param clusterId the cluster whose tokens are managed, named in every audit event
 * @param allowlist who may list and ask for revokes
 * @param mode who decides a revoke
 * @param approvers who may approve with the two-person rule (the allowlist when none are named)
 * @param ttl how long a request stays open: {@link RevocationService#CONFIRMATION_TTL} in self
 *     mode, the approval time with the two-person rule
 */
public record Rules(
        UUID clusterId, Allowlist allowlist, ApprovalMode mode, Allowlist approvers, Duration ttl) {

    public Rules {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(allowlist, "allowlist");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(ttl, "ttl");
        approvers = approvers == null || approvers.isEmpty() ? allowlist : approvers;
    }

    /** Whoever may ask or approve may see what is pending and what happened. */
    boolean mayWatch(String userId) {
        return allowlist.permits(userId) || approvers.permits(userId);
    }
}
