package dev.influxtokenbot.revocation;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One line of the audit trail: who did what to which request, and what came of it. It holds no
 * secret: never a token string, only ids, descriptions and what people wrote.
 *
 * @param actor Slack user id of who acted, or {@link Decision#BOT}
 * @param requester who asked for the revoke, or null when the event is about no request
 * @param tokenId the database token concerned, or null
 * @param requestId the request concerned, or null
 * @param reason the requester's reason, or the decider's note; may be empty
 * @param outcome a short word for the result, such as {@code not_on_allowlist} for a refusal
 * @param apiStatus the Management API's HTTP status, or null when it was not asked
 */
public record AuditEvent(
        Instant at,
        Type type,
        String actor,
        String requester,
        UUID clusterId,
        TokenId tokenId,
        String tokenDescription,
        String requestId,
        String reason,
        String outcome,
        Integer apiStatus) {

    public AuditEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(clusterId, "clusterId");
        tokenDescription = tokenDescription == null ? "" : tokenDescription;
        reason = reason == null ? "" : reason;
        outcome = outcome == null ? "" : outcome;
    }

    /** What happened. */
    public enum Type {
        REQUESTED,
        APPROVED,
        DENIED,
        WITHDRAWN,
        EXPIRED,
        REFUSED,
        REVOKE_SENT,
        REVOKED,
        FAILED;

        /** The name used in logs and messages, such as {@code revoke_sent}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
