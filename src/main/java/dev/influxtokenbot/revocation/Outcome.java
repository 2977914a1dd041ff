package dev.influxtokenbot.revocation;

import dev.influxtokenbot.managementapi.DatabaseToken;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a request to the bot came to. Each use case returns its own closed set of outcomes, and the
 * Slack side turns each into a message; nothing here knows how it will be shown.
 */
public sealed interface Outcome {

    /** Outcomes of listing database tokens. */
    sealed interface OfList extends Outcome permits Listed, Refused, Failed {}

    /** Outcomes of asking to revoke: the bot reads the token and issues a request. */
    sealed interface OfPrepare extends Outcome
            permits Prepared,
                    ApprovalRequested,
                    ReasonRequired,
                    AlreadyRevoked,
                    NotFound,
                    Refused,
                    Failed {}

    /** Outcomes of deciding a request: confirm, cancel, approve, deny or withdraw. */
    sealed interface OfDecision extends Outcome
            permits Revoked,
                    RevokedButStillListed,
                    NotFound,
                    Failed,
                    Denied,
                    Withdrawn,
                    Refused,
                    UnknownRequest,
                    AlreadyHandled,
                    Expired {

        /** The request the click was about, or null when the bot does not know it. */
        RevocationRequest request();
    }

    /** Outcomes of asking which requests are open. */
    sealed interface OfPending extends Outcome permits PendingRequests, Refused {}

    /** Outcomes of asking for the audit trail. */
    sealed interface OfAudit extends Outcome permits AuditEvents, Refused {}

    /**
     * The user may not do this; nothing was sent to InfluxDB.
     *
     * @param request the request they tried to decide, or null
     */
    record Refused(String userId, Refusal why, RevocationRequest request)
            implements OfList, OfPrepare, OfDecision, OfPending, OfAudit {
        public Refused {
            Objects.requireNonNull(why, "why");
        }
    }

    /** Why a user was refused. */
    enum Refusal {
        /** Not in {@code ALLOWED_USERS}. */
        NOT_ON_ALLOWLIST,
        /** Not in {@code APPROVERS}. */
        NOT_APPROVER,
        /** The requester tried to approve or deny their own request. */
        SELF_APPROVAL,
        /** Someone else tried to confirm, cancel or withdraw the requester's request. */
        NOT_REQUESTER,
        /** The button does not fit the request, such as a confirm on one that needs approval. */
        WRONG_MODE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The database tokens that matched, newest first. */
    record Listed(List<DatabaseToken> tokens, TokenQuery query) implements OfList {
        public Listed {
            tokens = List.copyOf(tokens);
        }
    }

    /** A confirmation for the requester alone was issued for an active token. */
    record Prepared(RevocationRequest request, DatabaseToken token) implements OfPrepare {}

    /** A request waits for an approver's decision. */
    record ApprovalRequested(RevocationRequest request, DatabaseToken token) implements OfPrepare {}

    /** With the two-person rule a request needs a reason; nothing was asked of InfluxDB. */
    record ReasonRequired(TokenId tokenId) implements OfPrepare {}

    /** The token was revoked before; there is nothing to decide. */
    record AlreadyRevoked(DatabaseToken token) implements OfPrepare {}

    /**
     * InfluxDB has no database token with this id in the cluster.
     *
     * @param request the request whose revoke found it gone, or null when asking to revoke
     */
    record NotFound(TokenId tokenId, RevocationRequest request) implements OfPrepare, OfDecision {}

    /**
     * InfluxDB confirmed the revoke.
     *
     * @param decision who confirmed or approved it
     * @param revokedAt the API's {@code revokedAt} when a read-back gave it, else when the revoke
     *     was sent
     * @param timeFromApi true when {@code revokedAt} came from the API
     */
    record Revoked(
            RevocationRequest request, Decision decision, Instant revokedAt, boolean timeFromApi)
            implements OfDecision {}

    /**
     * InfluxDB answered the revoke with success, yet reading the token back shows it active. The
     * API's answer is reported, and so is the doubt.
     */
    record RevokedButStillListed(RevocationRequest request, Decision decision)
            implements OfDecision {}

    /** An approver denied the request; nothing was sent. */
    record Denied(RevocationRequest request, Decision decision) implements OfDecision {}

    /** The requester withdrew (or cancelled) the request; nothing was sent. */
    record Withdrawn(RevocationRequest request, Decision decision) implements OfDecision {}

    /** The button names a request this bot does not know. */
    record UnknownRequest(String requestId) implements OfDecision {
        @Override
        public RevocationRequest request() {
            return null;
        }
    }

    /** The request was decided before this click. */
    record AlreadyHandled(RevocationRequest request, RequestState state) implements OfDecision {}

    /**
     * The request was clicked after it expired; nothing was sent.
     *
     * @param justExpired true when this click (or housekeeping round) moved the request to expired;
     *     false when it had expired before, and the requester has been told
     */
    record Expired(RevocationRequest request, boolean justExpired) implements OfDecision {}

    /** Requests waiting for a decision, oldest first. */
    record PendingRequests(List<StoredRequest> requests) implements OfPending {
        public PendingRequests {
            requests = List.copyOf(requests);
        }
    }

    /** The latest audit events, newest first. */
    record AuditEvents(List<AuditEvent> events) implements OfAudit {
        public AuditEvents {
            events = List.copyOf(events);
        }
    }

    /**
     * InfluxDB did not give the answer needed.
     *
     * @param request the request concerned, or null for reads outside one
     */
    record Failed(Problem problem, RevocationRequest request)
            implements OfList, OfPrepare, OfDecision {
        public Failed {
            Objects.requireNonNull(problem, "problem");
        }
    }

    /** Why InfluxDB did not give the answer needed. */
    enum Problem {
        /** The Management API rejected the bot's management token (401 or 403). */
        MANAGEMENT_TOKEN_REJECTED,
        /** A read got no usable answer: timeout, broken connection, 5xx or an unreadable body. */
        NO_ANSWER,
        /** The revoke was sent and neither its answer nor a read-back says what happened. */
        REVOKE_UNCONFIRMED,
        /** The revoke failed and a read-back shows the token still active: safe to try again. */
        STILL_ACTIVE,
        /** The bot stopped after the approval and before sending the revoke; nothing was sent. */
        NOT_SENT;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
