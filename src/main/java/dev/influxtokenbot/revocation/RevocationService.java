package dev.influxtokenbot.revocation;

import dev.influxtokenbot.managementapi.DatabaseToken;
import dev.influxtokenbot.managementapi.ManagementApiClient;
import dev.influxtokenbot.managementapi.ManagementApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asking for revokes: who may list and ask, what a request must say, and how long it stays open.
 * Deciding requests is {@link DecisionService}'s part.
 */
public final class RevocationService {
    /** How long a requester has to confirm their own request. */
    public static final Duration CONFIRMATION_TTL = Duration.ofMinutes(10);

    /** The most audit events one answer shows. */
    public static final int MAX_AUDIT_EVENTS = 200;

    private static final Logger log = LoggerFactory.getLogger(RevocationService.class);
    private static final Comparator<DatabaseToken> NEWEST_FIRST =
            Comparator.comparing(DatabaseToken::createdAt)
                    .reversed()
                    .thenComparing(token -> token.id().toString());

    private final ManagementApiClient api;
    private final Rules rules;
    private final RequestStore store;
    private final AuditLog auditLog;
    private final Auditor auditor;
    private final Clock clock;
    private final Supplier<String> requestIds;

    /**
     * @param requestIds source of new request ids; they must be unguessable
     */
    public RevocationService(
            ManagementApiClient api,
            Rules rules,
            RequestStore store,
            AuditLog auditLog,
            Clock clock,
            Supplier<String> requestIds) {
        this.api = api;
        this.rules = rules;
        this.store = store;
        this.auditLog = auditLog;
        this.auditor = new Auditor(auditLog, rules.clusterId(), clock);
        this.clock = clock;
        this.requestIds = requestIds;
    }

    public Rules rules() {
        return rules;
    }

    /**
     * Checks the allowlist before any work is queued, so a refusal can be answered at once.
     *
     * @return the refusal, or empty when the user may go on
     */
    public Optional<Outcome.Refused> refusal(String userId, String action) {
        return refusal(userId, action, null);
    }

    /**
     * As {@link #refusal(String, String)}, for an ask about one token, which the audit trail then
     * names.
     *
     * @param tokenId the token asked about, or null when the text named none
     */
    public Optional<Outcome.Refused> refusal(String userId, String action, TokenId tokenId) {
        if (rules.allowlist().permits(userId)) {
            return Optional.empty();
        }
        log.info("action={} user={} outcome=refused reason=not_on_allowlist", action, userId);
        auditor.refused(userId, Outcome.Refusal.NOT_ON_ALLOWLIST, tokenId);
        return Optional.of(new Outcome.Refused(userId, Outcome.Refusal.NOT_ON_ALLOWLIST, null));
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
            return ReadFailures.failed("list", requester, e);
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
     * Reads the token and, when it is active, issues a request: in self mode a confirmation only
     * the requester can click, with the two-person rule a request for an approver.
     *
     * @param channelId the Slack channel the request was made in, or null
     */
    public Outcome.OfPrepare prepare(
            String requester, TokenId tokenId, String reason, String channelId) {
        Optional<Outcome.Refused> refusal = refusal(requester, "prepare");
        if (refusal.isPresent()) {
            return refusal.get();
        }
        if (rules.mode() == ApprovalMode.TWO_PERSON && reason.isBlank()) {
            log.info(
                    "action=prepare requester={} tokenId={} outcome=reason_required",
                    requester,
                    tokenId);
            return new Outcome.ReasonRequired(tokenId);
        }

        Optional<DatabaseToken> token;
        try {
            token = api.getDatabaseToken(tokenId.value());
        } catch (ManagementApiException e) {
            return ReadFailures.failed("prepare", requester, e);
        }
        if (token.isEmpty()) {
            log.info(
                    "action=prepare requester={} tokenId={} outcome=not_found", requester, tokenId);
            return new Outcome.NotFound(tokenId, null);
        }
        if (token.get().isRevoked()) {
            log.info(
                    "action=prepare requester={} tokenId={} outcome=already_revoked",
                    requester,
                    tokenId);
            return new Outcome.AlreadyRevoked(token.get());
        }

        RevocationRequest request = issue(requester, token.get(), reason, channelId);
        return rules.mode() == ApprovalMode.SELF
                ? new Outcome.Prepared(request, token.get())
                : new Outcome.ApprovalRequested(request, token.get());
    }

    /** Remembers where a request's channel message was posted, so any instance can update it. */
    public void attachMessage(String requestId, MessageRef message) {
        store.attachMessage(requestId, message);
    }

    public Optional<StoredRequest> find(String requestId) {
        return store.find(requestId);
    }

    /** The requests waiting for a decision, for people on the allowlist or approvers. */
    public Outcome.OfPending pending(String userId) {
        if (!rules.mayWatch(userId)) {
            return refusal(userId, "pending").orElseThrow();
        }
        return new Outcome.PendingRequests(store.pending());
    }

    /** The last {@code count} audit events, for people on the allowlist or approvers. */
    public Outcome.OfAudit audit(String userId, int count) {
        if (!rules.mayWatch(userId)) {
            return refusal(userId, "audit").orElseThrow();
        }
        int bounded = Math.max(1, Math.min(count, MAX_AUDIT_EVENTS));
        return new Outcome.AuditEvents(auditLog.recent(bounded));
    }

    private RevocationRequest issue(
            String requester, DatabaseToken token, String reason, String channelId) {
        Instant now = clock.instant();
        RevocationRequest request =
                new RevocationRequest(
                        requestIds.get(),
                        rules.mode(),
                        requester,
                        new TokenId(token.id()),
                        token.description(),
                        token.permissions(),
                        reason,
                        channelId,
                        now,
                        now.plus(rules.ttl()));
        store.add(request);
        auditor.requested(request);
        return request;
    }
}
