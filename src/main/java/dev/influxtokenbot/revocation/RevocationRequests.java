package dev.influxtokenbot.revocation;

import java.util.Optional;

/**
 * Where revocation requests and their states are kept. Every state change is conditional, so two
 * racing clicks cannot both move a request out of {@link RequestState#PENDING}.
 */
public interface RevocationRequests {

    /** Keeps a new request in state {@link RequestState#PENDING}. */
    void add(RevocationRequest request);

    /** The request with this id and its current state, if it is known. */
    Optional<Stored> find(String requestId);

    /**
     * Moves a request from one state to another, only if it is in {@code from} now.
     *
     * @return true when this call made the move
     */
    boolean move(String requestId, RequestState from, RequestState to);

    /** A request with the state it had when it was read. */
    record Stored(RevocationRequest request, RequestState state) {}
}
