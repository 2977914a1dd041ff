package dev.influxtokenbot.revocation;

/**
 * Where a revocation request stands: {@code PENDING}, then decided ({@code APPROVED}, {@code
 * DENIED}, {@code WITHDRAWN} or {@code EXPIRED}), then, once approved, {@code REVOKED} or {@code
 * FAILED}. Every move is a conditional update in the store, so of racing clicks, on however many
 * bot instances, exactly one moves a request on.
 */
public enum RequestState {
    /** Issued and waiting for a decision. */
    PENDING,
    /** Confirmed by the requester, or approved by an approver; the revoke is being sent. */
    APPROVED,
    /** An approver said no; nothing was sent. */
    DENIED,
    /** The requester took it back (or cancelled their own confirmation); nothing was sent. */
    WITHDRAWN,
    /** Nobody decided in time; nothing was sent. */
    EXPIRED,
    /** InfluxDB confirmed the revoke. */
    REVOKED,
    /** The revoke was not confirmed, or InfluxDB refused it. */
    FAILED;
}
