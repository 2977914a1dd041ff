package dev.influxtokenbot.revocation;

import dev.influxtokenbot.managementapi.DatabaseToken;
import dev.influxtokenbot.managementapi.ManagementApiClient;
import dev.influxtokenbot.managementapi.ManagementApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the revoke of an approved request, once, and learns its outcome: from the API's answer, or,
 * when that answer is lost, by reading the token back. It never reports a revoke the API did not
 * confirm.
 */
final class Revoker {
    private static final Logger log = LoggerFactory.getLogger(Revoker.class);

    private final ManagementApiClient api;
    private final RequestStore store;
    private final Auditor auditor;
    private final Clock clock;

    Revoker(ManagementApiClient api, RequestStore store, Auditor auditor, Clock clock) {
        this.api = api;
        this.store = store;
        this.auditor = auditor;
        this.clock = clock;
    }

    /** Revokes the token of a request this caller moved to {@link RequestState#APPROVED}. */
    Outcome.OfDecision revoke(RevocationRequest request, Decision decision) {
        Instant sentAt = clock.instant();
        if (!store.markRevokeSent(request.id(), sentAt)) {
            return new Outcome.AlreadyHandled(request, RequestState.APPROVED);
        }
        auditor.revokeSent(request, decision);

        try {
            api.deleteDatabaseToken(request.tokenId().value());
        } catch (ManagementApiException e) {
            return afterFailedRevoke(request, decision, e);
        }
        return afterRevoke(request, decision, sentAt);
    }

    /**
     * Settles a request left approved by a bot that stopped mid-way: if the revoke was never sent,
     * nothing happened; if it was, reading the token back tells.
     *
     * @return the outcome, or empty when InfluxDB cannot tell yet and the request stays approved
     */
    Optional<Outcome.OfDecision> reconcile(StoredRequest stored) {
        RevocationRequest request = stored.request();
        Decision decision =
                stored.decisionIfMade().orElse(new Decision(Decision.BOT, clock.instant(), ""));
        if (stored.revokeSentAt() == null) {
            if (!finish(request, RequestState.FAILED)) {
                return Optional.empty();
            }
            auditor.failed(request, decision, "not_sent", null);
            return Optional.of(new Outcome.Failed(Outcome.Problem.NOT_SENT, request));
        }

        Optional<DatabaseToken> readBack;
        try {
            readBack = api.getDatabaseToken(request.tokenId().value());
        } catch (ManagementApiException e) {
            log.warn(
                    "requestId={} tokenId={} outcome=still_unreconciled reason=\"{}\": will read"
                            + " the token back again later",
                    request.id(),
                    request.tokenId(),
                    e.getMessage());
            return Optional.empty();
        }
        return Optional.of(settle(request, decision, readBack, "reconciled_after_restart"));
    }

    /** InfluxDB answered 204; read the token back to learn when it was revoked. */
    private Outcome.OfDecision afterRevoke(
            RevocationRequest request, Decision decision, Instant sentAt) {
        Optional<DatabaseToken> readBack;
        try {
            readBack = api.getDatabaseToken(request.tokenId().value());
        } catch (ManagementApiException e) {
            log.warn(
                    "requestId={} tokenId={} readBack=failed reason=\"{}\": the revoke was"
                            + " confirmed; its time is the bot's",
                    request.id(),
                    request.tokenId(),
                    e.getMessage());
            readBack = Optional.empty();
        }

        boolean settledHere = finish(request, RequestState.REVOKED);
        if (readBack.isPresent() && !readBack.get().isRevoked()) {
            if (settledHere) {
                auditor.revoked(request, decision, "revoked_but_still_listed", 204);
            }
            log.warn(
                    "requestId={} tokenId={} outcome=revoked_but_still_listed: the Management API"
                            + " answered 204 yet lists the token as active; check it in the"
                            + " InfluxDB console",
                    request.id(),
                    request.tokenId());
            return new Outcome.RevokedButStillListed(request, decision);
        }
        if (settledHere) {
            auditor.revoked(request, decision, "revoked", 204);
        }
        Optional<Instant> apiTime = readBack.flatMap(DatabaseToken::revocation);
        return new Outcome.Revoked(request, decision, apiTime.orElse(sentAt), apiTime.isPresent());
    }

    /** The revoke was not confirmed; read the token back rather than guess what happened. */
    private Outcome.OfDecision afterFailedRevoke(
            RevocationRequest request, Decision decision, ManagementApiException failure) {
        if (Thread.currentThread().isInterrupted()) {
            return leftForTheNextStart(request);
        }
        Integer status = failure.status().isPresent() ? failure.status().getAsInt() : null;
        if (status != null && status == 404) {
            fail(request, decision, "not_found", status);
            return new Outcome.NotFound(request.tokenId(), request);
        }
        if (failure.isCredentialRejected()) {
            fail(request, decision, "management_token_rejected", status);
            ReadFailures.warnCredentialRejected(failure);
            return new Outcome.Failed(Outcome.Problem.MANAGEMENT_TOKEN_REJECTED, request);
        }

        log.warn(
                "requestId={} tokenId={} outcome=unconfirmed reason=\"{}\": reading the token"
                        + " back",
                request.id(),
                request.tokenId(),
                failure.getMessage());
        return readBackAfterFailure(request, decision, status);
    }

    /**
     * The bot is stopping and its wait for InfluxDB was cut short. The request stays approved, with
     * its revoke noted as sent, so that the next start reads the token back and records what really
     * happened, rather than this one guessing.
     */
    private Outcome.OfDecision leftForTheNextStart(RevocationRequest request) {
        log.warn(
                "requestId={} tokenId={} outcome=interrupted_by_shutdown: the revoke was sent;"
                        + " the next start reads the token back and records the outcome",
                request.id(),
                request.tokenId());
        return new Outcome.Failed(Outcome.Problem.REVOKE_UNCONFIRMED, request);
    }

    private Outcome.OfDecision readBackAfterFailure(
            RevocationRequest request, Decision decision, Integer status) {
        Optional<DatabaseToken> readBack;
        try {
            readBack = api.getDatabaseToken(request.tokenId().value());
        } catch (ManagementApiException e) {
            if (Thread.currentThread().isInterrupted()) {
                return leftForTheNextStart(request);
            }
            fail(request, decision, "revoke_unconfirmed", status);
            log.warn(
                    "requestId={} tokenId={} outcome=unconfirmed readBack=failed reason=\"{}\":"
                            + " check the token in the InfluxDB console",
                    request.id(),
                    request.tokenId(),
                    e.getMessage());
            return new Outcome.Failed(Outcome.Problem.REVOKE_UNCONFIRMED, request);
        }
        return settle(request, decision, readBack, "revoked_on_read_back");
    }

    /** What a read-back says of a revoke whose own answer was lost. */
    private Outcome.OfDecision settle(
            RevocationRequest request,
            Decision decision,
            Optional<DatabaseToken> readBack,
            String revokedOutcome) {
        if (readBack.isEmpty()) {
            fail(request, decision, "not_found", 404);
            return new Outcome.NotFound(request.tokenId(), request);
        }
        if (readBack.get().isRevoked()) {
            if (finish(request, RequestState.REVOKED)) {
                auditor.revoked(request, decision, revokedOutcome, 200);
            }
            return new Outcome.Revoked(request, decision, readBack.get().revokedAt(), true);
        }
        fail(request, decision, "still_active", 200);
        return new Outcome.Failed(Outcome.Problem.STILL_ACTIVE, request);
    }

    private void fail(RevocationRequest request, Decision decision, String why, Integer status) {
        if (finish(request, RequestState.FAILED)) {
            auditor.failed(request, decision, why, status);
        }
    }

    /**
     * Records the end of a revoke; false when the request had already ended, which happens only
     * when two instances settle the same abandoned request at once. The audit event is then the
     * other instance's to write.
     */
    private boolean finish(RevocationRequest request, RequestState state) {
        boolean moved = store.finish(request.id(), state);
        if (!moved) {
            log.info(
                    "requestId={} outcome=already_settled: another instance recorded its end",
                    request.id());
        }
        return moved;
    }
}
