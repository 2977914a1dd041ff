package dev.influxtokenbot.revocation;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps requests in this process only: a restart forgets them, and their buttons then say so.
 * Requests are dropped a day after they expire, so memory stays bounded.
 */
public final class InMemoryRevocationRequests implements RevocationRequests {
    private static final Duration KEEP_AFTER_EXPIRY = Duration.ofDays(1);

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemoryRevocationRequests(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void add(RevocationRequest request) {
        forgetOldRequests();
        Entry entry = new Entry(request, new AtomicReference<>(RequestState.PENDING));
        if (entries.putIfAbsent(request.id(), entry) != null) {
            throw new IllegalStateException("request id " + request.id() + " is already in use");
        }
    }

    @Override
    public Optional<Stored> find(String requestId) {
        Entry entry = entries.get(requestId);
        return entry == null
                ? Optional.empty()
                : Optional.of(new Stored(entry.request(), entry.state().get()));
    }

    @Override
    public boolean move(String requestId, RequestState from, RequestState to) {
        Entry entry = entries.get(requestId);
        return entry != null && entry.state().compareAndSet(from, to);
    }

    private void forgetOldRequests() {
        var horizon = clock.instant().minus(KEEP_AFTER_EXPIRY);
        entries.values().removeIf(entry -> entry.request().expiresAt().isBefore(horizon));
    }

    private record Entry(RevocationRequest request, AtomicReference<RequestState> state) {}
}
