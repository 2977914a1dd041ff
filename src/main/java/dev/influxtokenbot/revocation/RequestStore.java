package dev.influxtokenbot.revocation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where revocation requests are kept, so that they outlive the process and are shared by every bot
 * instance. Each move between states is conditional: it happens only if the request is in the
 * expected state at that moment, and says whether it did.
 */
public interface RequestStore {

    /** Keeps a new request in state {@link RequestState#PENDING}. */
    void add(RevocationRequest request);

    Optional<StoredRequest> find(String requestId);

    /**
     * Moves a pending request to {@code to} (approved, denied, withdrawn or expired).
     *
     * @return true when this call made the move
     */
    boolean decide(String requestId, RequestState to, Decision decision);

    /**
     * Notes that the revoke of an approved request is about to be sent; done once, before the
     * request goes out, so that a crash leaves a trace to reconcile.
     *
     * @return true when this call made the note
     */
    boolean markRevokeSent(String requestId, Instant at);

    /**
     * Moves an approved request to {@link RequestState#REVOKED} or {@link RequestState#FAILED}.
     *
     * @return true when this call made the move
     */
    boolean finish(String requestId, RequestState to);

    /** Remembers where the request's channel message is. */
    void attachMessage(String requestId, MessageRef message);

    /** Requests still pending, oldest first. */
    List<StoredRequest> pending();

    /** Pending requests whose time ran out at {@code now}. */
    List<StoredRequest> pendingExpiredAt(Instant now);

    /** Approved requests decided before {@code cutoff} that have not reached an end. */
    List<StoredRequest> approvedBefore(Instant cutoff);
}
