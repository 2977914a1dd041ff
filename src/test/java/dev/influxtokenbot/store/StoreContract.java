package dev.influxtokenbot.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.influxtokenbot.managementapi.Permission;
import dev.influxtokenbot.revocation.ApprovalMode;
import dev.influxtokenbot.revocation.AuditEvent;
import dev.influxtokenbot.revocation.Decision;
import dev.influxtokenbot.revocation.MessageRef;
import dev.influxtokenbot.revocation.RequestState;
import dev.influxtokenbot.revocation.RevocationRequest;
import dev.influxtokenbot.revocation.StoredRequest;
import dev.influxtokenbot.revocation.TokenId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every database behind the store must do, run against the embedded database and against
 * PostgreSQL by the two subclasses.
 */
abstract class StoreContract {
    static final UUID CLUSTER = UUID.fromString("33333333-3333-4333-8333-333333333333");
    static final UUID OTHER_CLUSTER = UUID.fromString("44444444-4444-4444-8444-444444444444");
    static final Instant NOW = Instant.parse("2026-12-03T09:00:00Z");

    private Database database;
    private JdbcRequestStore store;
    private JdbcAuditLog audit;
    private int ids;

    /** Opens the database under test, the same one each time it is called within a test. */
    abstract Database open() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        database = open();
        store = new JdbcRequestStore(database, CLUSTER);
        audit = new JdbcAuditLog(database, CLUSTER);
    }

    @AfterEach
    void closeStore() {
        database.close();
    }

    @Test
    void add_thenFind_givesBackEveryFieldAsPending() {
        RevocationRequest request = request(NOW.plus(Duration.ofMinutes(30)));

        store.add(request);

        StoredRequest stored = store.find(request.id()).orElseThrow();
        assertThat(stored.request()).isEqualTo(request);
        assertThat(stored.state()).isEqualTo(RequestState.PENDING);
        assertThat(stored.decision()).isNull();
        assertThat(stored.message()).isNull();
        assertThat(stored.revokeSentAt()).isNull();
    }

    @Test
    void find_unknownId_isEmpty() {
        assertThat(store.find("no-such-request")).isEmpty();
    }

    @Test
    void decide_onlyMovesAPendingRequest() {
        RevocationRequest request = added();
        Decision approval = new Decision("UBOB00002", NOW, "looks right");

        boolean first = store.decide(request.id(), RequestState.APPROVED, approval);
        boolean second =
                store.decide(request.id(), RequestState.DENIED, new Decision("UCAROL004", NOW, ""));

        StoredRequest stored = store.find(request.id()).orElseThrow();
        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(stored.state()).isEqualTo(RequestState.APPROVED);
        assertThat(stored.decision()).isEqualTo(approval);
    }

    @Test
    void decide_fromManyThreadsAtOnce_letsExactlyOneWin() throws Exception {
        RevocationRequest request = added();
        int threads = 32;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Boolean>> results = new ArrayList<>();

        for (int i = 0; i < threads; i++) {
            RequestState to = i % 2 == 0 ? RequestState.APPROVED : RequestState.DENIED;
            Decision decision = new Decision("U" + (1000 + i), NOW, "");
            Callable<Boolean> decide =
                    () -> {
                        go.await();
                        return store.decide(request.id(), to, decision);
                    };
            results.add(pool.submit(decide));
        }
        go.countDown();
        int wins = 0;
        for (Future<Boolean> result : results) {
            wins += result.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(wins).isEqualTo(1);
    }

    @Test
    void markRevokeSent_onlyOnceAndOnlyWhenApproved() {
        RevocationRequest request = added();

        boolean whilePending = store.markRevokeSent(request.id(), NOW);
        store.decide(request.id(), RequestState.APPROVED, new Decision("UBOB00002", NOW, ""));
        boolean first = store.markRevokeSent(request.id(), NOW.plusSeconds(1));
        boolean second = store.markRevokeSent(request.id(), NOW.plusSeconds(2));

        assertThat(whilePending).isFalse();
        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(store.find(request.id()).orElseThrow().revokeSentAt())
                .isEqualTo(NOW.plusSeconds(1));
    }

    @Test
    void finish_onlyEndsAnApprovedRequest() {
        RevocationRequest pending = added();
        RevocationRequest approved = added();
        store.decide(approved.id(), RequestState.APPROVED, new Decision("UBOB00002", NOW, ""));

        boolean pendingFinished = store.finish(pending.id(), RequestState.REVOKED);
        boolean approvedFinished = store.finish(approved.id(), RequestState.REVOKED);
        boolean finishedAgain = store.finish(approved.id(), RequestState.FAILED);

        assertThat(pendingFinished).isFalse();
        assertThat(approvedFinished).isTrue();
        assertThat(finishedAgain).isFalse();
        assertThat(store.find(approved.id()).orElseThrow().state()).isEqualTo(RequestState.REVOKED);
    }

    @Test
    void attachMessage_isFoundWithTheRequest() {
        RevocationRequest request = added();

        store.attachMessage(request.id(), new MessageRef("C0123", "1796000000.000001"));

        assertThat(store.find(request.id()).orElseThrow().message())
                .isEqualTo(new MessageRef("C0123", "1796000000.000001"));
    }

    @Test
    void pending_listsOnlyPendingRequestsOfThisClusterOldestFirst() {
        RevocationRequest older = added();
        RevocationRequest newer = added();
        RevocationRequest decided = added();
        store.decide(decided.id(), RequestState.WITHDRAWN, new Decision("UALICE001", NOW, ""));
        new JdbcRequestStore(database, OTHER_CLUSTER).add(request(NOW.plusSeconds(600)));

        List<StoredRequest> pending = store.pending();

        assertThat(pending).extracting(StoredRequest::id).containsExactly(older.id(), newer.id());
    }

    @Test
    void pendingExpiredAt_findsThoseWhoseTimeRanOut() {
        RevocationRequest expired = store(request(NOW.minusSeconds(1)));
        RevocationRequest exactlyNow = store(request(NOW));
        store(request(NOW.plusSeconds(1)));

        List<StoredRequest> due = store.pendingExpiredAt(NOW);

        assertThat(due)
                .extracting(StoredRequest::id)
                .containsExactly(expired.id(), exactlyNow.id());
    }

    @Test
    void approvedBefore_findsApprovedRequestsDecidedBeforeTheCutoff() {
        RevocationRequest old = added();
        RevocationRequest recent = added();
        RevocationRequest finished = added();
        store.decide(old.id(), RequestState.APPROVED, new Decision("UBOB00002", NOW, ""));
        store.decide(
                recent.id(),
                RequestState.APPROVED,
                new Decision("UBOB00002", NOW.plusSeconds(300), ""));
        store.decide(finished.id(), RequestState.APPROVED, new Decision("UBOB00002", NOW, ""));
        store.finish(finished.id(), RequestState.REVOKED);

        List<StoredRequest> abandoned = store.approvedBefore(NOW.plusSeconds(120));

        assertThat(abandoned).extracting(StoredRequest::id).containsExactly(old.id());
    }

    @Test
    void add_longTexts_areCutToTheStoresLimit() {
        String essay = "x".repeat(5000);
        RevocationRequest request =
                new RevocationRequest(
                        "req-long",
                        ApprovalMode.SELF,
                        "UALICE001",
                        new TokenId(UUID.randomUUID()),
                        essay,
                        List.of(),
                        essay,
                        null,
                        NOW,
                        NOW.plusSeconds(60));

        store.add(request);

        StoredRequest stored = store.find("req-long").orElseThrow();
        assertThat(stored.request().tokenDescription()).hasSize(JdbcRequestStore.MAX_TEXT);
        assertThat(stored.request().reason()).hasSize(JdbcRequestStore.MAX_TEXT);
    }

    @Test
    void reopen_keepsRequestsAndEventsAndRunsNoMigrationTwice() throws Exception {
        RevocationRequest request = added();
        audit.record(event(AuditEvent.Type.REQUESTED, request, null));
        database.close();

        database = open();
        store = new JdbcRequestStore(database, CLUSTER);
        audit = new JdbcAuditLog(database, CLUSTER);

        assertThat(store.find(request.id())).isPresent();
        assertThat(audit.recent(10)).hasSize(1);
    }

    @Test
    void audit_recent_givesTheLastEventsOfThisClusterNewestFirst() {
        RevocationRequest request = added();
        audit.record(event(AuditEvent.Type.REQUESTED, request, null));
        audit.record(event(AuditEvent.Type.REVOKE_SENT, request, null));
        audit.record(event(AuditEvent.Type.REVOKED, request, 204));
        new JdbcAuditLog(database, OTHER_CLUSTER)
                .record(
                        new AuditEvent(
                                NOW.plusSeconds(99),
                                AuditEvent.Type.REFUSED,
                                "UMALLORY3",
                                null,
                                OTHER_CLUSTER,
                                null,
                                "",
                                null,
                                "",
                                "not_on_allowlist",
                                null));

        List<AuditEvent> recent = audit.recent(2);

        assertThat(recent)
                .extracting(AuditEvent::type)
                .containsExactly(AuditEvent.Type.REVOKED, AuditEvent.Type.REVOKE_SENT);
        assertThat(recent.get(0)).isEqualTo(event(AuditEvent.Type.REVOKED, request, 204));
        assertThat(recent.get(1).apiStatus()).isNull();
    }

    private RevocationRequest added() {
        return store(request(NOW.plus(Duration.ofMinutes(30))));
    }

    private RevocationRequest store(RevocationRequest request) {
        store.add(request);
        return request;
    }

    /** A request created one second after the previous one, so that order is well defined. */
    private RevocationRequest request(Instant expiresAt) {
        ids++;
        return new RevocationRequest(
                "req-" + ids,
                ApprovalMode.TWO_PERSON,
                "UALICE001",
                new TokenId(UUID.randomUUID()),
                "Telegraf on <prod> & co",
                List.of(new Permission("read", "DatabaseOne"), new Permission("write", "*")),
                "leaked in CI logs",
                "C2147483705",
                NOW.minusSeconds(3600).plusSeconds(ids),
                expiresAt);
    }

    private static AuditEvent event(
            AuditEvent.Type type, RevocationRequest request, Integer status) {
        return new AuditEvent(
                NOW.plusSeconds(type.ordinal()),
                type,
                "UBOB00002",
                request.requester(),
                CLUSTER,
                request.tokenId(),
                request.tokenDescription(),
                request.id(),
                request.reason(),
                "revoked",
                status);
    }
}
