package dev.influxtokenbot.revocation;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A request as the store holds it.
 *
 * @param decision who moved it out of pending, or null while it is pending
 * @param message where its channel message is, or null when it has none
 * @param revokeSentAt when its revoke was sent, or null when none was
 */
public record StoredRequest(
        RevocationRequest request,
        RequestState state,
        Decision decision,
        MessageRef message,
        Instant revokeSentAt) {

    public StoredRequest {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(state, "state");
    }

    public String id() {
        return request.id();
    }

    public Optional<Decision> decisionIfMade() {
        return Optional.ofNullable(decision);
    }

    public Optional<MessageRef> messageIfPosted() {
        return Optional.ofNullable(message);
    }
}
