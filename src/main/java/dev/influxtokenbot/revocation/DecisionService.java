package dev.influxtokenbot.revocation;

import dev.influxtokenbot.managementapi.ManagementApiClient;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deciding requests: the requester's confirm and cancel in self mode, an approver's approve and
 * deny and the requester's withdraw with the two-person rule. Every click is checked afresh
 * (allowlist, approvers, who asked, the request's mode and time) and then claims the request with a
 * conditional update, so of any number of clicks on any number of instances one wins, and at most
 * one revoke is sent per request.
 */
public final class DecisionService {
    private static final Logger log = LoggerFactory.getLogger(DecisionService.class);

    private final Rules rules;
    private final RequestStore store;
    private final Auditor auditor;
    private final Revoker revoker;
    private final Clock clock;

    public DecisionService(
            ManagementApiClient api,
            Rules rules,
            RequestStore store,
            AuditLog auditLog,
            Clock clock) {
        this.rules = rules;
        this.store = store;
        this.auditor = new Auditor(auditLog, rules.clusterId(), clock);
        this.revoker = new Revoker(api, store, auditor, clock);
        this.clock = clock;
    }

    Revoker revoker() {
        return revoker;
    }

    /** The requester confirms their own request (self mode) and the token is revoked. */
    public Outcome.OfDecision confirm(String userId, String requestId) {
        return decide(Action.CONFIRM, userId, requestId, "");
    }

    /** The requester cancels their own confirmation (self mode); nothing is sent. */
    public Outcome.OfDecision cancel(String userId, String requestId) {
        return decide(Action.CANCEL, userId, requestId, "");
    }

    /**
     * An approver other than the requester approves, with an optional note for the record, and the
     * token is revoked.
     */
    public Outcome.OfDecision approve(String userId, String requestId, String note) {
        return decide(Action.APPROVE, userId, requestId, note);
    }

    /** An approver other than the requester denies, with an optional note; nothing is sent. */
    public Outcome.OfDecision deny(String userId, String requestId, String note) {
        return decide(Action.DENY, userId, requestId, note);
    }

    /** The requester takes back their request for approval; nothing is sent. */
    public Outcome.OfDecision withdraw(String userId, String requestId) {
        return decide(Action.WITHDRAW, userId, requestId, "");
    }

    /**
     * Withdraws a request nobody could decide, such as one whose request for approval could not be
     * posted; the bot is the actor and {@code why} the note.
     */
    public void abandon(String requestId, String why) {
        store.find(requestId)
                .ifPresent(
                        stored -> {
                            Decision decision = new Decision(Decision.BOT, clock.instant(), why);
                            if (store.decide(requestId, RequestState.WITHDRAWN, decision)) {
                                auditor.decided(RequestState.WITHDRAWN, stored.request(), decision);
                            }
                        });
    }

    private Outcome.OfDecision decide(Action action, String userId, String requestId, String note) {
        Optional<StoredRequest> stored = store.find(requestId);
        if (stored.isEmpty()) {
            log.info(
                    "action={} user={} requestId={} outcome=unknown_request",
                    action.label(),
                    userId,
                    requestId);
            return new Outcome.UnknownRequest(requestId);
        }
        RevocationRequest request = stored.get().request();

        Optional<Outcome.Refusal> refusal = action.refusal(rules, userId, request);
        if (refusal.isPresent()) {
            auditor.refused(userId, refusal.get(), request);
            return new Outcome.Refused(userId, refusal.get(), request);
        }

        Decision decision = new Decision(userId, clock.instant(), note);
        Optional<Outcome.OfDecision> lost = claim(request, action.target(), decision);
        if (lost.isPresent()) {
            return lost.get();
        }
        auditor.decided(action.target(), request, decision);
        return action.target() == RequestState.APPROVED
                ? revoker.revoke(request, decision)
                : settled(action.target(), request, decision);
    }

    /**
     * Moves the pending request on. Returns what the click came to instead when the request has
     * expired or another click, here or on another instance, moved it first.
     */
    private Optional<Outcome.OfDecision> claim(
            RevocationRequest request, RequestState target, Decision decision) {
        boolean expiredHere = false;
        if (request.isExpiredAt(decision.at())) {
            expiredHere = expire(request);
        } else if (store.decide(request.id(), target, decision)) {
            return Optional.empty();
        }

        RequestState state =
                store.find(request.id()).map(StoredRequest::state).orElse(RequestState.EXPIRED);
        if (state == RequestState.EXPIRED) {
            auditor.refusedExpired(decision.actor(), request);
            return Optional.of(new Outcome.Expired(request, expiredHere));
        }
        log.info(
                "user={} requestId={} outcome=already_{}",
                decision.actor(),
                request.id(),
                state.name().toLowerCase(java.util.Locale.ROOT));
        return Optional.of(new Outcome.AlreadyHandled(request, state));
    }

    /** Expires a pending request whose time is up; true when this call did it. */
    boolean expire(RevocationRequest request) {
        Decision expiry = new Decision(Decision.BOT, clock.instant(), "");
        if (!store.decide(request.id(), RequestState.EXPIRED, expiry)) {
            return false;
        }
        auditor.decided(RequestState.EXPIRED, request, expiry);
        return true;
    }

    private static Outcome.OfDecision settled(
            RequestState state, RevocationRequest request, Decision decision) {
        return state == RequestState.DENIED
                ? new Outcome.Denied(request, decision)
                : new Outcome.Withdrawn(request, decision);
    }

    /** The five decisions, what each needs of the clicking user, and where each leads. */
    private enum Action {
        CONFIRM(RequestState.APPROVED),
        CANCEL(RequestState.WITHDRAWN),
        APPROVE(RequestState.APPROVED),
        DENY(RequestState.DENIED),
        WITHDRAW(RequestState.WITHDRAWN);

        private final RequestState target;

        Action(RequestState target) {
            this.target = target;
        }

        RequestState target() {
            return target;
        }

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        Optional<Outcome.Refusal> refusal(Rules rules, String userId, RevocationRequest request) {
            return switch (this) {
                case CONFIRM -> requesterInSelfMode(rules, userId, request, true);
                case CANCEL -> requesterInSelfMode(rules, userId, request, false);
                case APPROVE, DENY -> approver(rules, userId, request);
                case WITHDRAW -> requester(userId, request, ApprovalMode.TWO_PERSON);
            };
        }

        /**
         * A confirm needs the requester, still on the allowlist, on a self-mode request, while the
         * bot is in self mode: switching to the two-person rule closes open confirmations.
         */
        private static Optional<Outcome.Refusal> requesterInSelfMode(
                Rules rules, String userId, RevocationRequest request, boolean revokes) {
            if (revokes && !rules.allowlist().permits(userId)) {
                return Optional.of(Outcome.Refusal.NOT_ON_ALLOWLIST);
            }
            if (revokes && rules.mode() != ApprovalMode.SELF) {
                return Optional.of(Outcome.Refusal.WRONG_MODE);
            }
            return requester(userId, request, ApprovalMode.SELF);
        }

        private static Optional<Outcome.Refusal> requester(
                String userId, RevocationRequest request, ApprovalMode mode) {
            if (request.mode() != mode) {
                return Optional.of(Outcome.Refusal.WRONG_MODE);
            }
            if (!request.requester().equals(userId)) {
                return Optional.of(Outcome.Refusal.NOT_REQUESTER);
            }
            return Optional.empty();
        }

        private static Optional<Outcome.Refusal> approver(
                Rules rules, String userId, RevocationRequest request) {
            if (request.mode() != ApprovalMode.TWO_PERSON) {
                return Optional.of(Outcome.Refusal.WRONG_MODE);
            }
            if (request.requester().equals(userId)) {
                return Optional.of(Outcome.Refusal.SELF_APPROVAL);
            }
            if (!rules.approvers().permits(userId)) {
                return Optional.of(Outcome.Refusal.NOT_APPROVER);
            }
            return Optional.empty();
        }
    }
}
