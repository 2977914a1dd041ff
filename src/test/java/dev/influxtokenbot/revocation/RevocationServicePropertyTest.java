package dev.influxtokenbot.revocation;

import static dev.influxtokenbot.testing.BotHarness.ALICE;
import static dev.influxtokenbot.testing.BotHarness.BOB;
import static dev.influxtokenbot.testing.BotHarness.MALLORY;
import static dev.influxtokenbot.testing.FakeManagementApi.ACCOUNT_ID;
import static dev.influxtokenbot.testing.FakeManagementApi.CLUSTER_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.influxtokenbot.managementapi.ManagementApiClient;
import dev.influxtokenbot.store.Database;
import dev.influxtokenbot.store.JdbcAuditLog;
import dev.influxtokenbot.store.JdbcRequestStore;
import dev.influxtokenbot.testing.BotHarness;
import dev.influxtokenbot.testing.FakeManagementApi;
import dev.influxtokenbot.testing.FakeManagementApi.Recorded;
import dev.influxtokenbot.testing.FakeManagementApi.StoredToken;
import dev.influxtokenbot.testing.HostileText;
import dev.influxtokenbot.testing.MutableClock;
import dev.influxtokenbot.testing.Samples;
import dev.influxtokenbot.testing.TestSecrets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The revocation rules driven by anyone with any text, against the fake Management API and the
 * embedded store: nothing throws, and the only requests that reach InfluxDB are reads and revokes
 * of well-formed token paths of the configured account and cluster.
 */
class RevocationServicePropertyTest {
    private static final List<UUID> TOKEN_IDS =
            List.of(
                    UUID.fromString("0a8e1f52-3c44-4c1d-9a55-6f0b7d2e9c01"),
                    UUID.fromString("b7c2d9e4-51f3-4a6b-8e0d-2c9f1a3b4d02"),
                    UUID.fromString("f1e2d3c4-b5a6-4978-8695-a4b3c2d1e003"));
    private static final String TOKENS_PATH =
            "/api/v0/accounts/" + ACCOUNT_ID + "/clusters/" + CLUSTER_ID + "/tokens";
    private static final Pattern TOKEN_PATH =
            Pattern.compile(
                    Pattern.quote(TOKENS_PATH)
                            + "/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final String CAROL = "UCAROL004";

    @TempDir Path dataDirectory;

    private final AtomicReference<String> lastRequestId = new AtomicReference<>("req-0");
    private MutableClock clock;
    private FakeManagementApi api;
    private Database database;
    private RevocationService requests;
    private DecisionService decisions;

    @BeforeEach
    void start() throws Exception {
        clock = new MutableClock(BotHarness.START);
        api = new FakeManagementApi(clock);
        database = Database.embedded(dataDirectory);
    }

    @AfterEach
    void stop() {
        database.close();
        api.close();
    }

    @ParameterizedTest
    @EnumSource(ApprovalMode.class)
    void anyoneWithAnyText_throwsNothingAndSendsOnlyWellFormedRequests(ApprovalMode mode) {
        build(mode);
        AtomicInteger revokes = new AtomicInteger();

        Samples.check(
                300,
                RevocationServicePropertyTest::steps,
                steps -> {
                    activateTokens();
                    int before = api.requests().size();

                    List<Throwable> thrown =
                            steps.stream()
                                    .map(step -> catchThrowable(() -> run(step)))
                                    .filter(Objects::nonNull)
                                    .toList();

                    List<Recorded> sent = api.requests().subList(before, api.requests().size());
                    assertThat(thrown).isEmpty();
                    assertThat(sent).allSatisfy(RevocationServicePropertyTest::assertWellFormed);
                    sent.stream()
                            .filter(request -> request.method().equals("DELETE"))
                            .forEach(
                                    request -> {
                                        assertThat(UUID.fromString(lastSegment(request.path())))
                                                .isIn(TOKEN_IDS);
                                        revokes.incrementAndGet();
                                    });
                });

        assertThat(revokes.get()).as("sequences that reached a revoke").isGreaterThan(5);
    }

    private void build(ApprovalMode mode) {
        ManagementApiClient client =
                new ManagementApiClient(
                        api.baseUrl(),
                        ACCOUNT_ID,
                        CLUSTER_ID,
                        TestSecrets.MANAGEMENT_TOKEN,
                        BotHarness.CLIENT_OPTIONS);
        Rules rules =
                new Rules(
                        CLUSTER_ID,
                        new Allowlist(Set.of(ALICE, BOB)),
                        mode,
                        new Allowlist(Set.of(BOB, CAROL)),
                        Duration.ofMinutes(10));
        JdbcRequestStore store = new JdbcRequestStore(database, CLUSTER_ID);
        JdbcAuditLog audit = new JdbcAuditLog(database, CLUSTER_ID);
        Supplier<String> ids = BotHarness.countingIds();
        Supplier<String> remembered =
                () -> {
                    lastRequestId.set(mode + "-" + ids.get());
                    return lastRequestId.get();
                };
        requests = new RevocationService(client, rules, store, audit, clock, remembered);
        decisions = new DecisionService(client, rules, store, audit, clock);
    }

    /** Each sequence starts with all three tokens active, so that decisions can revoke. */
    private void activateTokens() {
        for (UUID id : TOKEN_IDS) {
            api.putToken(
                    new StoredToken(
                            id,
                            "token " + id + " <!channel>",
                            List.of(FakeManagementApi.Permission.read("db")),
                            BotHarness.START,
                            null,
                            null));
        }
    }

    private void run(Step step) {
        String requestId = step.latestRequest() ? lastRequestId.get() : step.text();
        switch (step.action()) {
            case LIST -> requests.list(step.user(), new TokenQuery(step.text(), true));
            case PREPARE ->
                    TokenId.parse(step.text())
                            .map(id -> requests.prepare(step.user(), id, step.text(), "C01"));
            case CONFIRM -> decisions.confirm(step.user(), requestId);
            case CANCEL -> decisions.cancel(step.user(), requestId);
            case APPROVE -> decisions.approve(step.user(), requestId, step.text());
            case DENY -> decisions.deny(step.user(), requestId, step.text());
            case WITHDRAW -> decisions.withdraw(step.user(), requestId);
            case WAIT -> clock.advance(Duration.ofMinutes(4));
        }
    }

    private static void assertWellFormed(Recorded request) {
        assertThat(request.query()).as("query of %s", request.path()).isNull();
        assertThat(request.method()).isIn("GET", "DELETE");
        if (request.method().equals("DELETE") || !request.path().equals(TOKENS_PATH)) {
            assertThat(request.path()).matches(TOKEN_PATH);
        }
    }

    private static String lastSegment(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** One to eight steps by allowlisted people, approvers, outsiders and hostile ids. */
    private static List<Step> steps(Random random) {
        List<Step> steps = new ArrayList<>();
        int count = 1 + random.nextInt(8);
        for (int i = 0; i < count; i++) {
            steps.add(
                    new Step(
                            Action.values()[random.nextInt(Action.values().length)],
                            user(random),
                            text(random),
                            random.nextInt(4) > 0));
        }
        return steps;
    }

    private static String user(Random random) {
        return switch (random.nextInt(10)) {
            case 0, 1, 2, 3 -> ALICE;
            case 4, 5 -> BOB;
            case 6 -> CAROL;
            case 7 -> MALLORY;
            case 8 -> "";
            default -> HostileText.next(random);
        };
    }

    private static String text(Random random) {
        return switch (random.nextInt(10)) {
            case 0, 1, 2, 3 ->
                    HostileText.cased(random, TOKEN_IDS.get(random.nextInt(3)).toString());
            case 4, 5 -> HostileText.mutatedUuid(random);
            case 6 -> "req-" + random.nextInt(10);
            default -> HostileText.next(random);
        };
    }

    enum Action {
        LIST,
        PREPARE,
        CONFIRM,
        CANCEL,
        APPROVE,
        DENY,
        WITHDRAW,
        WAIT
    }

    /**
     * One call to the rules.
     *
     * @param latestRequest decide the request issued last, instead of {@code text}
     */
    record Step(Action action, String user, String text, boolean latestRequest) {
        @Override
        public String toString() {
            return action
                    + " by "
                    + HostileText.visible(user)
                    + (latestRequest ? " on the latest request" : " with ")
                    + HostileText.visible(text);
        }
    }
}
