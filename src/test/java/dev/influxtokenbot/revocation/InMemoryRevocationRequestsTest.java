package dev.influxtokenbot.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.influxtokenbot.revocation.RevocationRequests.Stored;
import dev.influxtokenbot.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class InMemoryRevocationRequestsTest {
    private static final Instant START = Instant.parse("2026-03-14T12:00:00Z");
    private static final Duration TTL = Duration.ofMinutes(15);
    private static final TokenId TOKEN_ID =
            TokenId.parse("55555555-abcd-4ef0-8123-456789abcdef").orElseThrow();

    private final MutableClock clock = new MutableClock(START);
    private final InMemoryRevocationRequests requests = new InMemoryRevocationRequests(clock);

    /** A request made now, by U012AB3CD, that expires after {@link #TTL}. */
    private RevocationRequest request(String id) {
        Instant now = clock.instant();
        return new RevocationRequest(
                id, "U012AB3CD", TOKEN_ID, "ci writer", "leaked in ci logs", now, now.plus(TTL));
    }

    @Test
    void add_newRequest_isFoundPending() {
        RevocationRequest request = request("req-1");

        requests.add(request);

        assertThat(requests.find("req-1")).contains(new Stored(request, RequestState.PENDING));
    }

    @Test
    void find_unknownId_givesEmpty() {
        requests.add(request("req-1"));

        Optional<Stored> found = requests.find("req-2");

        assertThat(found).isEmpty();
    }

    @Test
    void move_fromCurrentState_movesAndSaysSo() {
        requests.add(request("req-1"));

        boolean moved = requests.move("req-1", RequestState.PENDING, RequestState.REVOKING);

        assertThat(moved).isTrue();
        assertThat(requests.find("req-1")).map(Stored::state).contains(RequestState.REVOKING);
    }

    @Test
    void move_fromWrongState_failsAndChangesNothing() {
        requests.add(request("req-1"));
        requests.move("req-1", RequestState.PENDING, RequestState.CANCELLED);

        boolean moved = requests.move("req-1", RequestState.PENDING, RequestState.REVOKING);

        assertThat(moved).isFalse();
        assertThat(requests.find("req-1")).map(Stored::state).contains(RequestState.CANCELLED);
    }

    @Test
    void move_twiceFromTheSameState_succeedsOnlyOnce() {
        requests.add(request("req-1"));

        boolean first = requests.move("req-1", RequestState.PENDING, RequestState.REVOKING);
        boolean second = requests.move("req-1", RequestState.PENDING, RequestState.REVOKING);

        assertThat(first).isTrue();
        assertThat(second).isFalse();
    }

    @Test
    void move_throughToFinalState_followsEachStep() {
        requests.add(request("req-1"));

        boolean toRevoking = requests.move("req-1", RequestState.PENDING, RequestState.REVOKING);
        boolean toRevoked = requests.move("req-1", RequestState.REVOKING, RequestState.REVOKED);

        assertThat(toRevoking).isTrue();
        assertThat(toRevoked).isTrue();
        assertThat(requests.find("req-1")).map(Stored::state).contains(RequestState.REVOKED);
    }

    @Test
    void move_unknownId_failsWithoutAddingIt() {
        boolean moved = requests.move("req-1", RequestState.PENDING, RequestState.REVOKING);

        assertThat(moved).isFalse();
        assertThat(requests.find("req-1")).isEmpty();
    }

    @Test
    void add_idAlreadyInUse_isRefusedAndKeepsTheFirstRequestAndState() {
        RevocationRequest first = request("req-1");
        requests.add(first);
        requests.move("req-1", RequestState.PENDING, RequestState.REVOKING);
        RevocationRequest second =
                new RevocationRequest("req-1", "U999", TOKEN_ID, "", "", START, START.plus(TTL));

        assertThatThrownBy(() -> requests.add(second))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("req-1");

        assertThat(requests.find("req-1")).contains(new Stored(first, RequestState.REVOKING));
    }

    @RepeatedTest(20)
    void move_thirtyTwoThreadsRacingFromPending_exactlyOneWins() throws Exception {
        int threads = 32;
        requests.add(request("req-1"));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> moveWhenStarted("req-1", ready, start)));
            }

            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            start.countDown();
            int wins = 0;
            for (Future<Boolean> result : results) {
                wins += result.get(10, TimeUnit.SECONDS) ? 1 : 0;
            }

            assertThat(wins).isEqualTo(1);
            assertThat(requests.find("req-1")).map(Stored::state).contains(RequestState.REVOKING);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Says it is ready, waits for the start, then tries to take the request out of PENDING. */
    private boolean moveWhenStarted(String requestId, CountDownLatch ready, CountDownLatch start)
            throws InterruptedException {
        ready.countDown();
        start.await();
        return requests.move(requestId, RequestState.PENDING, RequestState.REVOKING);
    }

    @Test
    void add_anotherRequestMoreThanADayAfterExpiry_forgetsTheOldOne() {
        requests.add(request("old"));
        clock.advance(TTL.plus(Duration.ofDays(1)).plusSeconds(1));

        requests.add(request("new"));

        assertThat(requests.find("old")).isEmpty();
        assertThat(requests.find("new")).isPresent();
    }

    @Test
    void add_anotherRequestExactlyADayAfterExpiry_keepsTheOldOne() {
        requests.add(request("old"));
        clock.advance(TTL.plus(Duration.ofDays(1)));

        requests.add(request("new"));

        assertThat(requests.find("old")).isPresent();
    }

    @Test
    void add_anotherRequestSoonAfterExpiry_keepsTheOldOneAndItsState() {
        requests.add(request("old"));
        requests.move("old", RequestState.PENDING, RequestState.EXPIRED);
        clock.advance(TTL.plus(Duration.ofHours(23)));

        requests.add(request("new"));

        assertThat(requests.find("old")).map(Stored::state).contains(RequestState.EXPIRED);
    }

    @Test
    void add_afterADay_forgetsOnlyTheRequestsPastTheHorizon() {
        requests.add(request("oldest"));
        clock.advance(Duration.ofHours(12));
        requests.add(request("middle"));
        clock.advance(Duration.ofHours(12).plus(TTL).plusSeconds(1));

        requests.add(request("newest"));

        assertThat(requests.find("oldest")).isEmpty();
        assertThat(requests.find("middle")).isPresent();
        assertThat(requests.find("newest")).isPresent();
    }

    @Test
    void add_forgottenId_canBeUsedAgain() {
        requests.add(request("req-1"));
        clock.advance(TTL.plus(Duration.ofDays(2)));

        RevocationRequest again = request("req-1");
        requests.add(again);

        assertThat(requests.find("req-1")).contains(new Stored(again, RequestState.PENDING));
    }
}
