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

    /** Outcomes of asking to revoke: the bot reads the token and issues a confirmation. */
    sealed interface OfPrepare extends Outcome
            permits Prepared, AlreadyRevoked, NotFound, Refused, Failed {}

    /** Outcomes of clicking the confirm button. */
    sealed interface OfConfirm extends Outcome
            permits Revoked,
                    RevokedButStillListed,
                    NotFound,
                    Refused,
                    NotRequester,
                    UnknownRequest,
                    AlreadyHandled,
                    Expired,
                    Failed {}

    /** Outcomes of clicking the cancel button. */
    sealed interface OfCancel extends Outcome
            permits Cancelled, Refused, NotRequester, UnknownRequest, AlreadyHandled, Expired {}

    /** The user is not on the allowlist; nothing was sent to InfluxDB. */
    record Refused(String userId) implements OfList, OfPrepare, OfConfirm, OfCancel {}

    /**
     * The database tokens that matched, newest first.
     *
     * @param tokens the matching tokens
     * @param query what was asked for
     */
    record Listed(List<DatabaseToken> tokens, TokenQuery query) implements OfList {
        public Listed {
            tokens = List.copyOf(tokens);
        }
    }

    /** A confirmation was issued for an active token. */
    record Prepared(RevocationRequest request, DatabaseToken token) implements OfPrepare {}

    /** The token was revoked before; there is nothing to confirm. */
    record AlreadyRevoked(DatabaseToken token) implements OfPrepare {}

    /** InfluxDB has no database token with this id in the cluster. */
    record NotFound(TokenId tokenId) implements OfPrepare, OfConfirm {}

    /**
     * InfluxDB confirmed the revoke.
     *
     * @param revokedAt when it was revoked: the API's {@code revokedAt} when the read-back gave it,
     *     else the time the revoke was sent
     * @param timeFromApi true when {@code revokedAt} came from the API
     */
    record Revoked(RevocationRequest request, Instant revokedAt, boolean timeFromApi)
            implements OfConfirm {}

    /**
     * InfluxDB answered the revoke with success, yet reading the token back shows it active. The
     * API's answer is reported, and so is the doubt.
     */
    record RevokedButStillListed(RevocationRequest request) implements OfConfirm {}

    /** Someone other than the requester clicked; only the requester may confirm or cancel. */
    record NotRequester(RevocationRequest request, String userId) implements OfConfirm, OfCancel {}

    /** The button names a request this bot does not know, such as one from before a restart. */
    record UnknownRequest(String requestId) implements OfConfirm, OfCancel {}

    /** The request was confirmed, cancelled or expired before this click. */
    record AlreadyHandled(RevocationRequest request, RequestState state)
            implements OfConfirm, OfCancel {}

    /** The confirmation was clicked after it expired; nothing was sent. */
    record Expired(RevocationRequest request) implements OfConfirm, OfCancel {}

    /** The requester cancelled; nothing was sent. */
    record Cancelled(RevocationRequest request) implements OfCancel {}

    /**
     * InfluxDB did not give the answer needed.
     *
     * @param problem what went wrong, in terms of what the user can do about it
     * @param request the revocation request concerned, or null for reads outside one
     */
    record Failed(Problem problem, RevocationRequest request)
            implements OfList, OfPrepare, OfConfirm {
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
        STILL_ACTIVE
    }
}
