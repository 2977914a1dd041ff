package dev.influxtokenbot.revocation;

/**
 * Where a revocation request stands. Only {@link #PENDING} can be confirmed; every move out of it
 * is a compare-and-set, so of many racing clicks exactly one wins.
 */
public enum RequestState {
    /** Issued and waiting for the requester's click. */
    PENDING,
    /** The requester cancelled it; nothing was sent. */
    CANCELLED,
    /** Nobody confirmed it in time; nothing was sent. */
    EXPIRED,
    /** Confirmed; the revoke is being sent. */
    REVOKING,
    /** InfluxDB confirmed the revoke. */
    REVOKED,
    /** The revoke was sent and InfluxDB did not confirm it, or refused it. */
    FAILED;

    /** True once nothing more will happen to the request. */
    public boolean isFinal() {
        return this != PENDING && this != REVOKING;
    }
}
