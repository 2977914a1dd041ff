package dev.influxtokenbot.revocation;

import static dev.influxtokenbot.testing.BotHarness.ALICE;
import static dev.influxtokenbot.testing.BotHarness.BOB;
import static dev.influxtokenbot.testing.BotHarness.MALLORY;
import static dev.influxtokenbot.testing.FakeManagementApi.ACCOUNT_ID;
import static dev.influxtokenbot.testing.FakeManagementApi.CLUSTER_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.influxtokenbot.managementapi.ManagementApiClient;
import dev.influxtokenbot.testing.BotHarness;
import dev.influxtokenbot.testing.FakeManagementApi;
import dev.influxtokenbot.testing.FakeManagementApi.Recorded;
import dev.influxtokenbot.testing.FakeManagementApi.StoredToken;
import dev.influxtokenbot.testing.HostileArbitraries;
import dev.influxtokenbot.testing.HostileText;
import dev.influxtokenbot.testing.MutableClock;
import dev.influxtokenbot.testing.TestSecrets;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeTry;
import net.jqwik.api.statistics.Statistics;

/**
 * The service driven by anyone with any text, against the fake Management API: it throws nothing,
 * and only well-formed reads and revokes of the tokens it was asked about reach InfluxDB.
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

    private static MutableClock clock;
    private static FakeManagementApi api;
    private static RevocationService service;
    private static final AtomicReference<String> lastRequestId = new AtomicReference<>("req-0");

    @BeforeContainer
    static void start() throws IOException {
        clock = new MutableClock(BotHarness.START);
        api = new FakeManagementApi(clock);
        Supplier<String> ids = BotHarness.countingIds();
        service =
                new RevocationService(
                        new ManagementApiClient(
                                api.baseUrl(),
                                ACCOUNT_ID,
                                CLUSTER_ID,
                                TestSecrets.MANAGEMENT_TOKEN,
                                BotHarness.CLIENT_OPTIONS),
                        new Allowlist(Set.of(ALICE, BOB)),
                        new InMemoryRevocationRequests(clock),
                        clock,
                        () -> {
                            lastRequestId.set(ids.get());
                            return lastRequestId.get();
                        },
                        Duration.ofMinutes(10));
    }

    @AfterContainer
    static void stop() {
        api.close();
    }

    /** Each try starts with all three tokens active, so that confirmations can revoke. */
    @BeforeTry
    void activateTokens() {
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

    @Property(tries = 500)
    void anyoneWithAnyText_throwsNothingAndSendsOnlyWellFormedRequests(
            @ForAll("steps") List<Step> steps) {
        int before = api.requests().size();

        List<Throwable> thrown =
                steps.stream()
                        .map(step -> catchThrowable(() -> run(step)))
                        .filter(Objects::nonNull)
                        .toList();

        List<Recorded> sent = api.requests().subList(before, api.requests().size());
        List<Recorded> revokes =
                sent.stream().filter(request -> request.method().equals("DELETE")).toList();
        assertThat(thrown).isEmpty();
        assertThat(sent).allSatisfy(RevocationServicePropertyTest::assertWellFormed);
        assertThat(revokes)
                .extracting(request -> UUID.fromString(lastSegment(request.path())))
                .isSubsetOf(TOKEN_IDS);
        Statistics.label("revoked").collect(!revokes.isEmpty());
        Statistics.label("revoked").coverage(c -> c.check(true).percentage(p -> p > 2));
    }

    private static void run(Step step) {
        String requestId = step.latestRequest() ? lastRequestId.get() : step.text();
        switch (step.action()) {
            case LIST -> service.list(step.requester(), new TokenQuery(step.text(), true));
            case PREPARE ->
                    TokenId.parse(step.text())
                            .map(id -> service.prepare(step.requester(), id, step.text()));
            case CONFIRM -> service.confirm(step.requester(), requestId);
            case CANCEL -> service.cancel(step.requester(), requestId);
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

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<String> requesters =
                Arbitraries.frequencyOf(
                                Tuple.of(5, Arbitraries.just(ALICE)),
                                Tuple.of(2, Arbitraries.just(BOB)),
                                Tuple.of(1, Arbitraries.just(MALLORY)),
                                Tuple.of(2, HostileArbitraries.text()))
                        .injectNull(0.05);
        Arbitrary<String> knownIds =
                Combinators.combine(Arbitraries.of(TOKEN_IDS), Arbitraries.longs())
                        .as((id, mask) -> HostileText.mixedCase(id.toString(), mask));
        Arbitrary<String> texts =
                Arbitraries.frequencyOf(
                        Tuple.of(5, knownIds),
                        Tuple.of(1, HostileArbitraries.uuids()),
                        Tuple.of(2, HostileArbitraries.mutatedUuids()),
                        Tuple.of(1, Arbitraries.integers().between(0, 9).map(n -> "req-" + n)),
                        Tuple.of(3, HostileArbitraries.text()));
        Arbitrary<Action> actions =
                Arbitraries.frequency(
                        Tuple.of(1, Action.LIST),
                        Tuple.of(4, Action.PREPARE),
                        Tuple.of(4, Action.CONFIRM),
                        Tuple.of(1, Action.CANCEL),
                        Tuple.of(1, Action.WAIT));
        Arbitrary<Step> step =
                Combinators.combine(
                                actions,
                                requesters,
                                texts,
                                Arbitraries.frequency(Tuple.of(3, true), Tuple.of(1, false)))
                        .as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(8);
    }

    enum Action {
        LIST,
        PREPARE,
        CONFIRM,
        CANCEL,
        WAIT
    }

    /**
     * One call to the service.
     *
     * @param latestRequest confirm or cancel the request issued last, instead of {@code text}
     */
    record Step(Action action, String requester, String text, boolean latestRequest) {
        @Override
        public String toString() {
            return action
                    + " by "
                    + HostileText.visible(requester)
                    + (latestRequest ? " on the latest request" : " with ")
                    + HostileText.visible(text);
        }
    }
}
