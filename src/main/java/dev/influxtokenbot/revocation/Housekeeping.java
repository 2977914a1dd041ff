package dev.influxtokenbot.revocation;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The work no click starts: expiring requests whose time ran out, and settling revokes left
 * half-done by a bot that stopped. Every instance may run it at once; the store's conditional
 * updates let one act on each request.
 */
public final class Housekeeping {
    /**
     * An approved request older than this is taken for abandoned. It is well above the longest a
     * revoke and its read-back can take, so no running revoke is mistaken for one.
     */
    public static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);

    private final RequestStore store;
    private final DecisionService decisions;
    private final Clock clock;

    public Housekeeping(RequestStore store, DecisionService decisions, Clock clock) {
        this.store = store;
        this.decisions = decisions;
        this.clock = clock;
    }

    /** Expires pending requests whose time ran out; returns those this call expired. */
    public List<StoredRequest> expireDue() {
        List<StoredRequest> expired = new ArrayList<>();
        for (StoredRequest due : store.pendingExpiredAt(clock.instant())) {
            if (decisions.expire(due.request())) {
                store.find(due.id()).ifPresent(expired::add);
            }
        }
        return expired;
    }

    /** Settles approved requests whose revoke never reported back; returns what each came to. */
    public List<Settled> settleAbandoned() {
        List<Settled> settled = new ArrayList<>();
        for (StoredRequest abandoned :
                store.approvedBefore(clock.instant().minus(ABANDONED_AFTER))) {
            Optional<Outcome.OfDecision> outcome = decisions.revoker().reconcile(abandoned);
            outcome.ifPresent(o -> settled.add(new Settled(abandoned, o)));
        }
        return settled;
    }

    /** An abandoned request and what reconciling it found. */
    public record Settled(StoredRequest request, Outcome.OfDecision outcome) {}
}
