package dev.influxtokenbot.managementapi;

import static dev.influxtokenbot.testing.FakeManagementApi.ACCOUNT_ID;
import static dev.influxtokenbot.testing.FakeManagementApi.CLUSTER_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.influxtokenbot.testing.FakeManagementApi;
import dev.influxtokenbot.testing.FakeManagementApi.Fault;
import dev.influxtokenbot.testing.FakeManagementApi.Recorded;
import dev.influxtokenbot.testing.FakeManagementApi.StoredToken;
import dev.influxtokenbot.testing.MutableClock;
import dev.influxtokenbot.testing.TestSecrets;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client against the fake Management API on 127.0.0.1, with waits recorded, not slept. */
class ManagementApiClientTest {
    private static final Instant NOW = Instant.parse("2026-12-03T09:00:00Z");
    private static final Instant CREATED = Instant.parse("2026-06-01T08:00:00Z");
    private static final Instant EXPIRES = Instant.parse("2027-06-01T00:00:00Z");
    private static final Instant REVOKED = Instant.parse("2026-11-30T17:45:12Z");
    private static final String ACCESS_TOKEN =
            "apiv1_ACCESS-TOKEN-never-kept-0123456789abcdef0123456789abcdef0123456789";

    /** Short timeouts; five tries, waits from 100 ms doubling up to 300 ms. */
    private static final ClientOptions OPTIONS =
            new ClientOptions(
                    Duration.ofSeconds(1),
                    Duration.ofMillis(500),
                    new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(300)));

    private final List<Long> waits = new CopyOnWriteArrayList<>();
    private FakeManagementApi api;
    private ManagementApiClient client;
    private UUID tokenId;

    @BeforeEach
    void start() throws IOException {
        api = new FakeManagementApi(new MutableClock(NOW));
        client = client(api.baseUrl(), OPTIONS);
        tokenId = UUID.randomUUID();
        api.putToken(
                new StoredToken(
                        tokenId,
                        "Telegraf on prod-eu",
                        List.of(
                                FakeManagementApi.Permission.read("DatabaseOne"),
                                FakeManagementApi.Permission.write("*")),
                        CREATED,
                        null,
                        null));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    // ---- parsing ----

    @Test
    void getDatabaseTokens_tokenWithEveryField_readsThemAll() throws Exception {
        UUID revokedId = UUID.randomUUID();
        api.putToken(
                new StoredToken(
                        revokedId,
                        "Old CI token",
                        List.of(FakeManagementApi.Permission.read("DatabaseTwo")),
                        CREATED,
                        EXPIRES,
                        REVOKED));

        List<DatabaseToken> tokens = client.getDatabaseTokens();

        DatabaseToken revoked =
                tokens.stream().filter(t -> t.id().equals(revokedId)).findFirst().get();
        assertThat(revoked)
                .isEqualTo(
                        new DatabaseToken(
                                ACCOUNT_ID,
                                CLUSTER_ID,
                                revokedId,
                                "Old CI token",
                                List.of(new Permission("read", "DatabaseTwo")),
                                CREATED,
                                EXPIRES,
                                REVOKED));
        assertThat(revoked.isRevoked()).isTrue();
        assertThat(revoked.expiry()).contains(EXPIRES);
        assertThat(revoked.revocation()).contains(REVOKED);
    }

    @Test
    void getDatabaseToken_withoutExpiryOrRevocation_hasNeither() throws Exception {
        DatabaseToken token = client.getDatabaseToken(tokenId).orElseThrow();

        assertThat(token.id()).isEqualTo(tokenId);
        assertThat(token.description()).isEqualTo("Telegraf on prod-eu");
        assertThat(token.permissions())
                .containsExactly(
                        new Permission("read", "DatabaseOne"), new Permission("write", "*"));
        assertThat(token.createdAt()).isEqualTo(CREATED);
        assertThat(token.expiry()).isEmpty();
        assertThat(token.revocation()).isEmpty();
        assertThat(token.isRevoked()).isFalse();
    }

    @Test
    void getDatabaseToken_datesWrittenAsExplicitNull_readsThemAsAbsent() throws Exception {
        api.writeAbsentDatesAsNull();

        DatabaseToken token = client.getDatabaseToken(tokenId).orElseThrow();
        List<DatabaseToken> listed = client.getDatabaseTokens();

        assertThat(token.expiresAt()).isNull();
        assertThat(token.revokedAt()).isNull();
        assertThat(token.isRevoked()).isFalse();
        assertThat(listed).containsExactly(token);
    }

    @Test
    void getDatabaseTokens_unknownFieldsSuchAsAccessToken_areIgnoredAndNotKept() throws Exception {
        api.addFieldToTokens("accessToken", "\"" + ACCESS_TOKEN + "\"");
        api.addFieldToTokens("owner", "{\"team\":\"platform\",\"tags\":[1,2]}");

        List<DatabaseToken> listed = client.getDatabaseTokens();
        DatabaseToken single = client.getDatabaseToken(tokenId).orElseThrow();

        assertThat(listed).containsExactly(single);
        assertThat(single.id()).isEqualTo(tokenId);
        assertThat(single.toString()).doesNotContain(ACCESS_TOKEN);
        assertThat(List.of(DatabaseToken.class.getRecordComponents()))
                .extracting(component -> component.getName())
                .doesNotContain("accessToken");
    }

    @Test
    void getDatabaseToken_unknownTokenId_isEmptyAndNotRetried() throws Exception {
        Optional<DatabaseToken> token = client.getDatabaseToken(UUID.randomUUID());

        assertThat(token).isEmpty();
        assertThat(api.requests("GET")).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void getDatabaseTokens_successBodyThatIsNotJson_failsAsUnreadableWithoutRetrying() {
        api.failNext("GET", Fault.body(200, "<html>maintenance</html>"));

        ManagementApiException e = failure(() -> client.getDatabaseTokens());

        assertThat(e.failure()).isEqualTo(ManagementApiException.Failure.UNREADABLE);
        assertThat(e.status()).hasValue(200);
        assertThat(e.isTransient()).isFalse();
        assertThat(e.getMessage()).startsWith("GetDatabaseTokens failed: HTTP 200");
        assertThat(api.requests("GET")).hasSize(1);
    }

    @Test
    void getDatabaseToken_tokenWithoutId_failsAsUnreadable() {
        api.failNext(
                "GET",
                Fault.body(200, "{\"description\":\"x\",\"createdAt\":\"2026-06-01T08:00:00Z\"}"));

        ManagementApiException e = failure(() -> client.getDatabaseToken(tokenId));

        assertThat(e.failure()).isEqualTo(ManagementApiException.Failure.UNREADABLE);
        assertThat(e.operation()).isEqualTo("GetDatabaseToken");
    }

    // ---- what is sent ----

    @Test
    void requests_ofEveryOperation_sendAcceptJsonAndTheManagementTokenAsBearer() throws Exception {
        client.getDatabaseTokens();
        client.getDatabaseToken(tokenId);
        client.deleteDatabaseToken(tokenId);

        assertThat(api.requests()).hasSize(3);
        assertThat(api.requests())
                .allSatisfy(
                        request -> {
                            assertThat(request.headers().get("accept"))
                                    .containsExactly("application/json");
                            assertThat(request.headers().get("authorization"))
                                    .containsExactly("Bearer " + TestSecrets.MANAGEMENT_TOKEN);
                            assertThat(request.query()).isNull();
                            assertThat(request.body()).isEmpty();
                        });
    }

    @Test
    void requests_ofEveryOperation_goToExactlyTheirPaths() throws Exception {
        client.getDatabaseTokens();
        client.getDatabaseToken(tokenId);
        client.deleteDatabaseToken(tokenId);

        String tokens = "/api/v0/accounts/" + ACCOUNT_ID + "/clusters/" + CLUSTER_ID + "/tokens";
        assertThat(api.requests())
                .extracting(Recorded::method, Recorded::path)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("GET", tokens),
                        org.assertj.core.groups.Tuple.tuple("GET", tokens + "/" + tokenId),
                        org.assertj.core.groups.Tuple.tuple("DELETE", tokens + "/" + tokenId));
    }

    @Test
    void baseUrl_withTrailingSlashes_givesNoDoubleSlashInThePath() throws Exception {
        ManagementApiClient slashed = client(URI.create(api.baseUrl() + "//"), OPTIONS);

        slashed.getDatabaseTokens();

        assertThat(api.requests().get(0).path())
                .isEqualTo(
                        "/api/v0/accounts/" + ACCOUNT_ID + "/clusters/" + CLUSTER_ID + "/tokens");
    }

    @Test
    void deleteDatabaseToken_answered204_revokesTheToken() throws Exception {
        client.deleteDatabaseToken(tokenId);

        assertThat(api.token(tokenId).orElseThrow().revokedAt()).isEqualTo(NOW);
        assertThat(api.requests("DELETE")).hasSize(1);
    }

    // ---- retries ----

    @Test
    void reads_failingEveryTime_waitLongerEachTimeUpToTheCap() {
        api.failNext("GET", Fault.status(500), 5);

        ManagementApiException e = failure(() -> client.getDatabaseTokens());

        assertThat(waits).containsExactly(100L, 200L, 300L, 300L);
        assertThat(api.requests("GET")).hasSize(5);
        assertThat(e.status()).hasValue(500);
    }

    @Test
    void reads_failingTwiceThenAnswering_returnTheAnswer() throws Exception {
        api.failNext("GET", Fault.status(503), 2);

        List<DatabaseToken> tokens = client.getDatabaseTokens();

        assertThat(tokens).extracting(DatabaseToken::id).containsExactly(tokenId);
        assertThat(waits).containsExactly(100L, 200L);
        assertThat(api.requests("GET")).hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 409})
    void reads_answeredWithAClientError_areNotRetried(int status) {
        api.failNext("GET", Fault.status(status));

        ManagementApiException e = failure(() -> client.getDatabaseToken(tokenId));

        assertThat(e.status()).hasValue(status);
        assertThat(e.isTransient()).isFalse();
        assertThat(api.requests("GET")).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void reads_answered429_areRetried() throws Exception {
        api.failNext("GET", Fault.status(429));

        client.getDatabaseToken(tokenId);

        assertThat(api.requests("GET")).hasSize(2);
        assertThat(waits).containsExactly(100L);
    }

    @Test
    void reads_connectionResetEveryTime_areRetriedThenFailAsUnreachable() {
        api.failNext("GET", Fault.reset(), 10);

        ManagementApiException e = failure(() -> client.getDatabaseTokens());

        assertThat(e.failure()).isEqualTo(ManagementApiException.Failure.UNREACHABLE);
        assertThat(e.getMessage()).startsWith("GetDatabaseTokens failed: connection failed");
        assertThat(waits).containsExactly(100L, 200L, 300L, 300L);
        // Each of the 5 tries reaches the fake twice: the JDK's HTTP client silently sends a GET
        // again, once, when its connection closes before any answer. It never does so for DELETE.
        assertThat(api.requests("GET")).hasSize(10);
    }

    @Test
    void reads_connectionResetOnce_areAnsweredWithoutAWait() throws Exception {
        api.failNext("GET", Fault.reset());

        List<DatabaseToken> tokens = client.getDatabaseTokens();

        assertThat(tokens).hasSize(1);
        assertThat(api.requests("GET")).hasSize(2);
        assertThat(waits).isEmpty();
    }

    @Test
    void reads_hanging_timeOutAndAreRetried() throws Exception {
        api.failNext("GET", Fault.hang());

        List<DatabaseToken> tokens = client.getDatabaseTokens();

        assertThat(tokens).hasSize(1);
        assertThat(api.requests("GET")).hasSize(2);
        assertThat(waits).containsExactly(100L);
    }

    @Test
    void retryAfterInSeconds_longerThanTheBackoff_isWaited() throws Exception {
        ManagementApiClient patient = client(api.baseUrl(), patientOptions());
        api.failNext("GET", Fault.status(503, "120"));

        patient.getDatabaseTokens();

        assertThat(waits).containsExactly(120_000L);
        assertThat(api.requests("GET")).hasSize(2);
    }

    @Test
    void retryAfterInSeconds_shorterThanTheBackoff_waitsTheBackoff() throws Exception {
        api.failNext("GET", Fault.status(503, "0"));

        client.getDatabaseTokens();

        assertThat(waits).containsExactly(100L);
    }

    @Test
    void retryAfterAsHttpDate_twoMinutesAhead_isWaitedUntilThen() throws Exception {
        ManagementApiClient patient = client(api.baseUrl(), patientOptions());
        String inTwoMinutes =
                DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(120));
        api.failNext("GET", Fault.status(503, inTwoMinutes));

        patient.getDatabaseTokens();

        // The date has whole seconds and is read a moment after it was written.
        assertThat(waits)
                .singleElement()
                .satisfies(wait -> assertThat(wait).isBetween(110_000L, 120_000L));
    }

    @Test
    void retryAfterAsHttpDate_inThePast_waitsTheBackoff() throws Exception {
        api.failNext("GET", Fault.status(503, "Wed, 21 Oct 2015 07:28:00 GMT"));

        client.getDatabaseTokens();

        assertThat(waits).containsExactly(100L);
    }

    @Test
    void retryAfter_longerThanTheLongestBackoff_endsTheRetries() {
        api.failNext("GET", Fault.status(503, "120"));

        ManagementApiException e = failure(() -> client.getDatabaseTokens());

        assertThat(e.status()).hasValue(503);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
        assertThat(api.requests("GET")).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void deleteDatabaseToken_failing_isNeverRetried() {
        api.failNext("DELETE", Fault.status(503, "0"));

        ManagementApiException e = failure(() -> client.deleteDatabaseToken(tokenId));

        assertThat(e.status()).hasValue(503);
        assertThat(api.requests("DELETE")).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void deleteDatabaseToken_connectionReset_isNeverRetried() {
        api.failNext("DELETE", Fault.reset());

        ManagementApiException e = failure(() -> client.deleteDatabaseToken(tokenId));

        assertThat(e.failure()).isEqualTo(ManagementApiException.Failure.UNREACHABLE);
        assertThat(api.requests("DELETE")).hasSize(1);
        assertThat(api.token(tokenId).orElseThrow().revokedAt()).isNull();
    }

    @Test
    void deleteDatabaseToken_answerLostAfterTakingEffect_timesOutOnce() {
        api.failNext("DELETE", Fault.takeEffectThenHang());

        ManagementApiException e = failure(() -> client.deleteDatabaseToken(tokenId));

        assertThat(e.failure()).isEqualTo(ManagementApiException.Failure.TIMEOUT);
        assertThat(e.getMessage()).isEqualTo("DeleteDatabaseToken failed: no answer in time");
        assertThat(api.requests("DELETE")).hasSize(1);
        assertThat(api.token(tokenId).orElseThrow().revokedAt()).isNotNull();
    }

    // ---- what a failure says ----

    @Test
    void failures_ofEachOperation_nameTheOperationAndTheStatus() {
        api.failNext("GET", Fault.status(401));
        api.failNext("GET", Fault.status(403));
        api.failNext("DELETE", Fault.status(404));

        ManagementApiException list = failure(() -> client.getDatabaseTokens());
        ManagementApiException read = failure(() -> client.getDatabaseToken(tokenId));
        ManagementApiException revoke = failure(() -> client.deleteDatabaseToken(tokenId));

        assertThat(list.getMessage())
                .isEqualTo("GetDatabaseTokens failed: HTTP 401 (injected 401)");
        assertThat(list.operation()).isEqualTo("GetDatabaseTokens");
        assertThat(list.isCredentialRejected()).isTrue();
        assertThat(read.getMessage()).isEqualTo("GetDatabaseToken failed: HTTP 403 (injected 403)");
        assertThat(read.isCredentialRejected()).isTrue();
        assertThat(revoke.getMessage())
                .isEqualTo("DeleteDatabaseToken failed: HTTP 404 (injected 404)");
        assertThat(revoke.status()).hasValue(404);
    }

    @Test
    void reads_withAWrongManagementToken_failAsCredentialRejected() {
        ManagementApiClient wrong =
                new ManagementApiClient(
                        api.baseUrl(), ACCOUNT_ID, CLUSTER_ID, "TEST-wrong-token-0000", OPTIONS);

        ManagementApiException e = failure(() -> wrong.getDatabaseTokens());

        assertThat(e.status()).hasValue(401);
        assertThat(e.isCredentialRejected()).isTrue();
        assertThat(e.getMessage()).doesNotContain("TEST-wrong-token-0000");
    }

    @Test
    void failures_evenWhenTheApiEchoesTheManagementToken_neverCarryIt() {
        String echo =
                "{\"code\":401,\"message\":\"token "
                        + TestSecrets.MANAGEMENT_TOKEN
                        + " is not valid\"}";
        api.failNext("GET", Fault.body(401, echo));
        api.failNext("DELETE", Fault.body(500, echo.replace("401", "500")));

        ManagementApiException read = failure(() -> client.getDatabaseToken(tokenId));
        ManagementApiException revoke = failure(() -> client.deleteDatabaseToken(tokenId));

        assertThat(read.getMessage()).startsWith("GetDatabaseToken failed: HTTP 401");
        assertThat(revoke.getMessage()).startsWith("DeleteDatabaseToken failed: HTTP 500");
        assertThat(List.of(read, revoke))
                .allSatisfy(
                        e ->
                                assertThat(everything(e))
                                        .doesNotContain(TestSecrets.MANAGEMENT_TOKEN));
    }

    @Test
    void failures_withoutAnAnswer_neverCarryTheManagementToken() throws IOException {
        api.failNext("GET", Fault.hang());
        ManagementApiClient once = client(api.baseUrl(), oneTry());
        ManagementApiClient down = client(closedPort(), oneTry());

        ManagementApiException timeout = failure(() -> once.getDatabaseTokens());
        ManagementApiException unreachable = failure(() -> down.getDatabaseToken(tokenId));

        assertThat(timeout.failure()).isEqualTo(ManagementApiException.Failure.TIMEOUT);
        assertThat(timeout.getMessage()).isEqualTo("GetDatabaseTokens failed: no answer in time");
        assertThat(unreachable.failure()).isEqualTo(ManagementApiException.Failure.UNREACHABLE);
        assertThat(unreachable.getMessage())
                .startsWith("GetDatabaseToken failed: connection failed");
        assertThat(List.of(timeout, unreachable))
                .allSatisfy(
                        e ->
                                assertThat(everything(e))
                                        .doesNotContain(TestSecrets.MANAGEMENT_TOKEN));
    }

    @Test
    void failures_withALongApiMessage_shortenIt() {
        String longMessage = "x".repeat(1000);
        api.failNext("GET", Fault.body(400, "{\"code\":400,\"message\":\"" + longMessage + "\"}"));

        ManagementApiException e = failure(() -> client.getDatabaseTokens());

        assertThat(e.getMessage()).hasSizeLessThan(300).endsWith("…)");
    }

    // ---- helpers ----

    private ManagementApiClient client(URI baseUrl, ClientOptions options) {
        return new ManagementApiClient(
                baseUrl, ACCOUNT_ID, CLUSTER_ID, TestSecrets.MANAGEMENT_TOKEN, options, waits::add);
    }

    /** Lets a server's Retry-After of minutes be honoured. */
    private static ClientOptions patientOptions() {
        return new ClientOptions(
                Duration.ofSeconds(1),
                Duration.ofMillis(500),
                new RetryPolicy(3, Duration.ofMillis(100), Duration.ofMinutes(5)));
    }

    private static ClientOptions oneTry() {
        return new ClientOptions(
                Duration.ofSeconds(1),
                Duration.ofMillis(500),
                new RetryPolicy(1, Duration.ofMillis(100), Duration.ofMillis(300)));
    }

    private static URI closedPort() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        return URI.create("http://127.0.0.1:" + port + "/api/v0");
    }

    private static ManagementApiException failure(Call call) {
        ManagementApiException e = catchThrowableOfType(ManagementApiException.class, call::run);
        assertThat(e).as("the call's failure").isNotNull();
        return e;
    }

    /** The exception's text with that of every cause, as a log line with its stack would show. */
    private static String everything(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }

    @FunctionalInterface
    private interface Call {
        void run() throws Exception;
    }
}
