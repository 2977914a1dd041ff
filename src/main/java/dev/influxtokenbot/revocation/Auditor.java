package dev.influxtokenbot.revocation;

import java.time.Clock;
import java.util.UUID;

/** Builds audit events from requests and decisions and records them, so no caller repeats it. */
final class Auditor {
    private final AuditLog log;
    private final UUID clusterId;
    private final Clock clock;

    Auditor(AuditLog log, UUID clusterId, Clock clock) {
        this.log = log;
        this.clusterId = clusterId;
        this.clock = clock;
    }

    void requested(RevocationRequest request) {
        record(AuditEvent.Type.REQUESTED, request.requester(), request, request.reason(), "", null);
    }

    void refused(String userId, Outcome.Refusal why, RevocationRequest request) {
        record(AuditEvent.Type.REFUSED, userId, request, "", why.label(), null);
    }

    /** A refusal of something about no request yet, such as a list by an outsider. */
    void refused(String userId, Outcome.Refusal why, TokenId tokenId) {
        log.record(
                new AuditEvent(
                        clock.instant(),
                        AuditEvent.Type.REFUSED,
                        userId,
                        null,
                        clusterId,
                        tokenId,
                        "",
                        null,
                        "",
                        why.label(),
                        null));
    }

    /** A click on a request that had expired. */
    void refusedExpired(String userId, RevocationRequest request) {
        record(AuditEvent.Type.REFUSED, userId, request, "", "expired", null);
    }

    void decided(RequestState state, RevocationRequest request, Decision decision) {
        AuditEvent.Type type =
                switch (state) {
                    case APPROVED -> AuditEvent.Type.APPROVED;
                    case DENIED -> AuditEvent.Type.DENIED;
                    case WITHDRAWN -> AuditEvent.Type.WITHDRAWN;
                    case EXPIRED -> AuditEvent.Type.EXPIRED;
                    default -> throw new IllegalArgumentException("not a decision: " + state);
                };
        String outcome =
                state == RequestState.APPROVED && decision.actor().equals(request.requester())
                        ? "confirmed_by_requester"
                        : "";
        record(type, decision.actor(), request, decision.note(), outcome, null);
    }

    void revokeSent(RevocationRequest request, Decision decision) {
        record(AuditEvent.Type.REVOKE_SENT, decision.actor(), request, request.reason(), "", null);
    }

    void revoked(RevocationRequest request, Decision decision, String outcome, Integer status) {
        record(
                AuditEvent.Type.REVOKED,
                decision.actor(),
                request,
                request.reason(),
                outcome,
                status);
    }

    void failed(RevocationRequest request, Decision decision, String outcome, Integer status) {
        record(
                AuditEvent.Type.FAILED,
                decision.actor(),
                request,
                request.reason(),
                outcome,
                status);
    }

    private void record(
            AuditEvent.Type type,
            String actor,
            RevocationRequest request,
            String reason,
            String outcome,
            Integer apiStatus) {
        log.record(
                new AuditEvent(
                        clock.instant(),
                        type,
                        actor,
                        request == null ? null : request.requester(),
                        clusterId,
                        request == null ? null : request.tokenId(),
                        request == null ? "" : request.tokenDescription(),
                        request == null ? null : request.id(),
                        reason,
                        outcome,
                        apiStatus));
    }
}
