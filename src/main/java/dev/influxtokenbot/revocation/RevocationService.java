package dev.influxtokenbot.revocation;

import dev.influxtokenbot.managementapi.DatabaseToken;
import dev.influxtokenbot.managementapi.ManagementApiClient;
import dev.influxtokenbot.managementapi.ManagementApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of listing and revoking database tokens: who may act, which confirmation is valid, and
 * what each answer of InfluxDB means. Every decision is logged as one line.
 */
public final class RevocationService {
    private static final Logger log = LoggerFactory.getLogger(RevocationService.class);

    private static final Comparator<DatabaseToken> NEWEST_FIRST =
            Comparator.comparing(DatabaseToken::createdAt)
                    .reversed()
                    .thenComparing(token -> token.id().toString());

    private final ManagementApiClient api;
    private final Allowlist allowlist;
    private final RevocationRequests requests;
    private final Clock clock;
    private final Supplier<String> requestIds;
    private final Duration confirmationTtl;

    /**
     * @param requestIds source of new request ids; they must be unguessable
     * @param confirmationTtl how long a requester has to confirm
     */
    public RevocationService(
            ManagementApiClient api,
            Allowlist allowlist,
            RevocationRequests requests,
            Clock clock,
            Supplier<String> requestIds,
            Duration confirmationTtl) {
        this.api = Objects.requireNonNull(api, "api");
        this.allowlist = Objects.requireNonNull(allowlist, "allowlist");
        this.requests = Objects.requireNonNull(requests, "requests");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.requestIds = Objects.requireNonNull(requestIds, "requestIds");
        this.confirmationTtl = Objects.requireNonNull(confirmationTtl, "confirmationTtl");
    }

    public Duration confirmationTtl() {
        return confirmationTtl;
    }

    /**
     * Checks the allowlist before any work is queued, so a refusal can be answered at once.
     *
     * @return the refusal, or empty when the user may go on
     */
    public Optional<Outcome.Refused> refusal(String userId, String action) {
        if (allowlist.permits(userId)) {
            return Optional.empty();
        }
        log.info("action={} requester={} outcome=refused reason=not_on_allowlist", action, userId);
        return Optional.of(new Outcome.Refused(userId));
    }

    /** The cluster's database tokens that match the query, newest first. */
    public Outcome.OfList list(String requester, TokenQuery query) {
        Optional<Outcome.Refused> refusal = refusal(requester, "list");
        if (refusal.isPresent()) {
            return refusal.get();
        }

        List<DatabaseToken> tokens;
        try {
            tokens = api.getDatabaseTokens();
        } catch (ManagementApiException e) {
            return readFailed("list", requester, null, e);
        }

        List<DatabaseToken> matching =
                tokens.stream().filter(query::matches).sorted(NEWEST_FIRST).toList();
        log.info(
                "action=list requester={} outcome=listed shown={} total={}",
                requester,
                matching.size(),
                tokens.size());
        return new Outcome.Listed(matching, query);
    }

    /**
     * Reads the token and, when it is active, issues a confirmation that only the requester can
     * click, valid for {@link #confirmationTtl()}.
     */
    public Outcome.OfPrepare prepare(String requester, TokenId tokenId, String reason) {
        Optional<Outcome.Refused> refusal = refusal(requester, "prepare");
        if (refusal.isPresent()) {
            return refusal.get();
        }

        Optional<DatabaseToken> token;
        try {
            token = api.getDatabaseToken(tokenId.value());
        } catch (ManagementApiException e) {
            return readFailed("prepare", requester, tokenId, e);
        }

        if (token.isEmpty()) {
            logDecision("prepare", requester, tokenId, null, "not_found");
            return new Outcome.NotFound(tokenId);
        }
        if (token.get().isRevoked()) {
            logDecision("prepare", requester, tokenId, null, "already_revoked");
            return new Outcome.AlreadyRevoked(token.get());
        }
        RevocationRequest request = issue(requester, token.get(), reason);
        logDecision("prepare", requester, tokenId, request, "confirmation_issued");
        return new Outcome.Prepared(request, token.get());
    }

    /**
     * Revokes the token of a pending request, once: of any number of clicks, at most one sends the
     * revoke, and only the requester's click counts.
     */
    public Outcome.OfConfirm confirm(String userId, String requestId) {
        Optional<Outcome.Refused> refusal = refusal(userId, "confirm");
        if (refusal.isPresent()) {
            return refusal.get();
        }
        Optional<RevocationRequests.Stored> stored = requests.find(requestId);
        if (stored.isEmpty()) {
            return unknown("confirm", userId, requestId);
        }
        RevocationRequest request = stored.get().request();
        if (!request.requester().equals(userId)) {
            return notRequester("confirm", userId, request);
        }

        Optional<Outcome> lost = claim(request, RequestState.REVOKING, "confirm", userId);
        if (lost.isPresent()) {
            return (Outcome.OfConfirm) lost.get();
        }
        return revoke(request);
    }

    /** Cancels a pending request; nothing is sent to InfluxDB. */
    public Outcome.OfCancel cancel(String userId, String requestId) {
        Optional<Outcome.Refused> refusal = refusal(userId, "cancel");
        if (refusal.isPresent()) {
            return refusal.get();
        }
        Optional<RevocationRequests.Stored> stored = requests.find(requestId);
        if (stored.isEmpty()) {
            return unknown("cancel", userId, requestId);
        }
        RevocationRequest request = stored.get().request();
        if (!request.requester().equals(userId)) {
            return notRequester("cancel", userId, request);
        }

        Optional<Outcome> lost = claim(request, RequestState.CANCELLED, "cancel", userId);
        if (lost.isPresent()) {
            return (Outcome.OfCancel) lost.get();
        }
        logDecision("cancel", userId, request.tokenId(), request, "cancelled");
        return new Outcome.Cancelled(request);
    }

    private RevocationRequest issue(String requester, DatabaseToken token, String reason) {
        Instant now = clock.instant();
        RevocationRequest request =
                new RevocationRequest(
                        requestIds.get(),
                        requester,
                        new TokenId(token.id()),
                        token.description(),
                        reason,
                        now,
                        now.plus(confirmationTtl));
        requests.add(request);
        return request;
    }

    /**
     * Moves a pending request on. Returns what the click came to instead when the request has
     * expired or another click moved it first.
     */
    private Optional<Outcome> claim(
            RevocationRequest request, RequestState target, String action, String userId) {
        if (request.isExpiredAt(clock.instant())) {
            requests.move(request.id(), RequestState.PENDING, RequestState.EXPIRED);
        }
        if (requests.move(request.id(), RequestState.PENDING, target)) {
            return Optional.empty();
        }

        RequestState state =
                requests.find(request.id())
                        .map(RevocationRequests.Stored::state)
                        .orElse(RequestState.EXPIRED);
        if (state == RequestState.EXPIRED) {
            logDecision(action, userId, request.tokenId(), request, "expired");
            return Optional.of(new Outcome.Expired(request));
        }
        logDecision(action, userId, request.tokenId(), request, "already_" + name(state));
        return Optional.of(new Outcome.AlreadyHandled(request, state));
    }

    private Outcome.OfConfirm revoke(RevocationRequest request) {
        Instant sentAt = clock.instant();
        log.info(
                "action=revoke requester={} tokenId={} requestId={} outcome=sending",
                request.requester(),
                request.tokenId(),
                request.id());
        try {
            api.deleteDatabaseToken(request.tokenId().value());
        } catch (ManagementApiException e) {
            return afterFailedRevoke(request, e);
        }
        return afterRevoke(request, sentAt);
    }

    /** InfluxDB answered 204; read the token back to learn when it was revoked. */
    private Outcome.OfConfirm afterRevoke(RevocationRequest request, Instant sentAt) {
        Optional<DatabaseToken> readBack;
        try {
            readBack = api.getDatabaseToken(request.tokenId().value());
        } catch (ManagementApiException e) {
            log.warn(
                    "action=revoke tokenId={} requestId={} readBack=failed reason=\"{}\": the"
                            + " revoke was confirmed; its time is the bot's",
                    request.tokenId(),
                    request.id(),
                    e.getMessage());
            readBack = Optional.empty();
        }

        finish(request, RequestState.REVOKED);
        if (readBack.isPresent() && !readBack.get().isRevoked()) {
            log.warn(
                    "action=revoke tokenId={} requestId={} outcome=revoked_but_still_listed: the"
                            + " Management API answered 204 yet lists the token as active",
                    request.tokenId(),
                    request.id());
            return new Outcome.RevokedButStillListed(request);
        }
        Optional<Instant> apiTime = readBack.flatMap(DatabaseToken::revocation);
        logDecision("revoke", request.requester(), request.tokenId(), request, "revoked");
        return new Outcome.Revoked(request, apiTime.orElse(sentAt), apiTime.isPresent());
    }

    /** The revoke was not confirmed; read the token back rather than guess what happened. */
    private Outcome.OfConfirm afterFailedRevoke(
            RevocationRequest request, ManagementApiException failure) {
        if (failure.status().orElse(0) == 404) {
            finish(request, RequestState.FAILED);
            logDecision("revoke", request.requester(), request.tokenId(), request, "not_found");
            return new Outcome.NotFound(request.tokenId());
        }
        if (failure.isCredentialRejected()) {
            finish(request, RequestState.FAILED);
            warnCredentialRejected(failure);
            return new Outcome.Failed(Outcome.Problem.MANAGEMENT_TOKEN_REJECTED, request);
        }

        log.warn(
                "action=revoke tokenId={} requestId={} outcome=unconfirmed reason=\"{}\": reading"
                        + " the token back",
                request.tokenId(),
                request.id(),
                failure.getMessage());
        return reconcile(request);
    }

    private Outcome.OfConfirm reconcile(RevocationRequest request) {
        Optional<DatabaseToken> readBack;
        try {
            readBack = api.getDatabaseToken(request.tokenId().value());
        } catch (ManagementApiException e) {
            finish(request, RequestState.FAILED);
            log.warn(
                    "action=revoke tokenId={} requestId={} outcome=unconfirmed readBack=failed"
                            + " reason=\"{}\": check the token in the InfluxDB console",
                    request.tokenId(),
                    request.id(),
                    e.getMessage());
            return new Outcome.Failed(Outcome.Problem.REVOKE_UNCONFIRMED, request);
        }

        if (readBack.isEmpty()) {
            finish(request, RequestState.FAILED);
            logDecision("revoke", request.requester(), request.tokenId(), request, "not_found");
            return new Outcome.NotFound(request.tokenId());
        }
        if (readBack.get().isRevoked()) {
            finish(request, RequestState.REVOKED);
            logDecision(
                    "revoke",
                    request.requester(),
                    request.tokenId(),
                    request,
                    "revoked_on_read_back");
            return new Outcome.Revoked(request, readBack.get().revokedAt(), true);
        }
        finish(request, RequestState.FAILED);
        logDecision("revoke", request.requester(), request.tokenId(), request, "still_active");
        return new Outcome.Failed(Outcome.Problem.STILL_ACTIVE, request);
    }

    private void finish(RevocationRequest request, RequestState state) {
        if (!requests.move(request.id(), RequestState.REVOKING, state)) {
            log.error(
                    "requestId={} was not in state REVOKING when its revoke ended as {}; the"
                            + " request store was changed by someone else",
                    request.id(),
                    state);
        }
    }

    private Outcome.Failed readFailed(
            String action, String requester, TokenId tokenId, ManagementApiException failure) {
        if (failure.isCredentialRejected()) {
            warnCredentialRejected(failure);
            return new Outcome.Failed(Outcome.Problem.MANAGEMENT_TOKEN_REJECTED, null);
        }
        log.warn(
                "action={} requester={} tokenId={} outcome=no_answer reason=\"{}\"",
                action,
                requester,
                tokenId,
                failure.getMessage());
        return new Outcome.Failed(Outcome.Problem.NO_ANSWER, null);
    }

    private static void warnCredentialRejected(ManagementApiException failure) {
        log.warn(
                "The Management API rejected the bot's management token ({}): create a new"
                        + " management token and set INFLUX_MANAGEMENT_TOKEN to it",
                failure.getMessage());
    }

    private Outcome.UnknownRequest unknown(String action, String userId, String requestId) {
        log.info(
                "action={} requester={} requestId={} outcome=unknown_request",
                action,
                userId,
                requestId);
        return new Outcome.UnknownRequest(requestId);
    }

    private Outcome.NotRequester notRequester(
            String action, String userId, RevocationRequest request) {
        log.info(
                "action={} user={} requester={} tokenId={} requestId={} outcome=refused"
                        + " reason=not_requester",
                action,
                userId,
                request.requester(),
                request.tokenId(),
                request.id());
        return new Outcome.NotRequester(request, userId);
    }

    private static void logDecision(
            String action,
            String requester,
            TokenId tokenId,
            RevocationRequest request,
            String outcome) {
        log.info(
                "action={} requester={} tokenId={} requestId={} outcome={}",
                action,
                requester,
                tokenId,
                request == null ? "-" : request.id(),
                outcome);
    }

    private static String name(RequestState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }
}
