package dev.influxtokenbot.e2e;

import static dev.influxtokenbot.testing.BotHarness.ALICE;
import static dev.influxtokenbot.testing.FakeManagementApi.Permission.read;
import static dev.influxtokenbot.testing.FakeManagementApi.Permission.write;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.influxtokenbot.testing.BotHarness;
import dev.influxtokenbot.testing.FakeManagementApi;
import dev.influxtokenbot.testing.FakeManagementApi.Fault;
import dev.influxtokenbot.testing.FakeManagementApi.Recorded;
import dev.influxtokenbot.testing.FakeSlack;
import dev.influxtokenbot.testing.SlackClient;
import dev.influxtokenbot.testing.SlackMessage;
import dev.influxtokenbot.testing.TestSecrets;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Management API failing in every way the fake can, through the real bot: what the requester
 * sees, what an operator finds in the log, which requests reached InfluxDB, and that no revoke is
 * reported that InfluxDB did not confirm.
 */
class ManagementApiFailuresEndToEndTest {
    private static final Instant CREATED = Instant.parse("2026-06-01T08:00:00Z");
    private static final String NO_ANSWER = "InfluxDB did not answer";
    private static final String REJECTED = "InfluxDB rejected the bot's management token";
    private static final String REVOKED = "revoked database token";

    private BotHarness harness;
    private UUID tokenId;

    @BeforeEach
    void start() throws Exception {
        harness = BotHarness.start();
        tokenId = UUID.randomUUID();
        harness.api.putToken(
                new FakeManagementApi.StoredToken(
                        tokenId,
                        "Telegraf on prod-eu",
                        List.of(read("DatabaseOne"), write("*")),
                        CREATED,
                        null,
                        null));
    }

    @AfterEach
    void stop() throws Exception {
        try {
            assertNoStackTraceReachedSlack();
            assertThat(harness.logs.all()).doesNotContain(TestSecrets.MANAGEMENT_TOKEN);
        } finally {
            harness.close();
        }
    }

    // ---- list ----

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void list_managementTokenRejected_tellsAnAdminToReplaceItWithoutRetrying(int status) {
        harness.api.failNext("GET", Fault.status(status));

        SlackMessage answer = list();

        assertThat(answer.text())
                .contains(REJECTED)
                .contains("could not list the database tokens")
                .contains("An admin must create a new management token")
                .contains("`INFLUX_MANAGEMENT_TOKEN`");
        assertThat(harness.logs.lines(Level.WARN))
                .singleElement()
                .asString()
                .contains("rejected the bot's management token")
                .contains("GetDatabaseTokens failed: HTTP " + status)
                .contains("set INFLUX_MANAGEMENT_TOKEN");
        assertThat(harness.api.requests()).extracting(Recorded::method).containsExactly("GET");
    }

    @Test
    void list_withAManagementTokenInfluxDbDoesNotKnow_isRejectedBy401AndSaysSo() throws Exception {
        harness.close();
        harness =
                BotHarness.start(
                        environment ->
                                environment.put(
                                        "INFLUX_MANAGEMENT_TOKEN", "TEST-stale-management-token"));

        SlackMessage answer = list();

        assertThat(answer.text()).contains(REJECTED).contains("`INFLUX_MANAGEMENT_TOKEN`");
        assertThat(harness.logs.lines(Level.WARN))
                .singleElement()
                .asString()
                .contains("HTTP 401")
                .contains("INFLUX_MANAGEMENT_TOKEN")
                .doesNotContain("TEST-stale-management-token");
        assertThat(harness.api.requests("GET")).hasSize(1);
    }

    @Test
    void list_serverErrorEveryTime_isTriedThreeTimesThenSaysInfluxDbDidNotAnswer() {
        harness.api.failNext("GET", Fault.status(500), 3);

        SlackMessage answer = list();

        assertThat(answer.text())
                .contains(NO_ANSWER)
                .contains("could not list the database tokens")
                .contains("Nothing was revoked")
                .contains("Try again");
        assertThat(harness.api.requests())
                .extracting(Recorded::method)
                .containsExactly("GET", "GET", "GET");
        assertThat(harness.logs.lines(Level.INFO))
                .filteredOn(line -> line.contains("outcome=retrying"))
                .hasSize(2);
        assertThat(harness.logs.lines(Level.WARN))
                .singleElement()
                .asString()
                .contains("action=list")
                .contains("outcome=no_answer")
                .contains("GetDatabaseTokens failed: HTTP 500");
    }

    @Test
    void list_serverErrorOnce_isRetriedAndShowsTheList() {
        harness.api.failNext("GET", Fault.status(500));

        SlackMessage answer = list();

        assertListed(answer);
        assertThat(harness.api.requests("GET")).hasSize(2);
        assertThat(harness.logs.lines(Level.WARN)).isEmpty();
    }

    @Test
    void list_503WithRetryAfterZero_isRetriedAndShowsTheList() {
        harness.api.failNext("GET", Fault.status(503, "0"));

        SlackMessage answer = list();

        assertListed(answer);
        assertThat(harness.api.requests("GET")).hasSize(2);
    }

    @Test
    void list_429_isRetriedAndShowsTheList() {
        harness.api.failNext("GET", Fault.status(429));

        SlackMessage answer = list();

        assertListed(answer);
        assertThat(harness.api.requests("GET")).hasSize(2);
    }

    @Test
    void list_retryAfterLongerThanTheLongestBackoff_isNotRetriedAndSaysInfluxDbDidNotAnswer() {
        harness.api.failNext("GET", Fault.status(503, "120"));

        SlackMessage answer = list();

        assertThat(answer.text()).contains(NO_ANSWER).contains("Try again");
        assertThat(harness.api.requests("GET")).hasSize(1);
        assertThat(harness.logs.lines(Level.WARN))
                .singleElement()
                .asString()
                .contains("GetDatabaseTokens failed: HTTP 503");
    }

    @Test
    void list_successBodyThatIsNotJson_isNotRetriedAndSaysInfluxDbDidNotAnswer() {
        harness.api.failNext("GET", Fault.body(200, "<html>Service maintenance</html>"));

        SlackMessage answer = list();

        assertThat(answer.text()).contains(NO_ANSWER);
        assertThat(harness.api.requests("GET")).hasSize(1);
        assertThat(harness.logs.lines(Level.WARN))
                .singleElement()
                .asString()
                .contains("GetDatabaseTokens failed: HTTP 200 with a body that is not");
    }

    @Test
    void list_connectionResetEveryTime_isTriedThreeTimesThenSaysInfluxDbDidNotAnswer() {
        harness.api.failNext("GET", Fault.reset(), 6);

        SlackMessage answer = list();

        assertThat(answer.text()).contains(NO_ANSWER).contains("Try again");
        assertThat(harness.logs.lines(Level.INFO))
                .filteredOn(line -> line.contains("outcome=retrying"))
                .extracting(line -> line.replaceAll(".*(attempt=\\d).*", "$1"))
                .containsExactly("attempt=1", "attempt=2");
        // Three tries, each sent twice: the JDK's HTTP client resends a GET once by itself when
        // the connection closes before any answer.
        assertThat(harness.api.requests("GET")).hasSize(6);
        assertThat(harness.logs.lines(Level.WARN))
                .singleElement()
                .asString()
                .contains("GetDatabaseTokens failed: connection failed");
    }

    @Test
    void list_apiHanging_isAcknowledgedAtOnceAndAnsweredAfterTheTimeouts() {
        harness.api.failNext("GET", Fault.hang(), 3);

        SlackClient.Sent sent = harness.client.command(ALICE, "list");
        harness.api.awaitRequests("GET", 1, Duration.ofSeconds(5));
        List<?> answeredWhileHanging = harness.slack.pendingResponses(sent.responseUrl());
        SlackMessage answer = SlackMessage.of(harness.slack.awaitResponse(sent.responseUrl()));

        assertThat(sent.response().statusCode()).isEqualTo(200);
        assertThat(sent.response().body()).isEmpty();
        assertThat(answeredWhileHanging).isEmpty();
        assertThat(answer.text()).contains(NO_ANSWER).contains("Try again");
        assertThat(harness.api.requests("GET")).hasSize(3);
        assertThat(harness.logs.lines(Level.WARN))
                .singleElement()
                .asString()
                .contains("GetDatabaseTokens failed: no answer in time");
    }

    @Test
    void list_managementApiDown_saysCalmlyThatInfluxDbDidNotAnswer() throws Exception {
        String closedPortUrl = "http://127.0.0.1:" + closedPort() + "/api/v0";
        harness.close();
        harness =
                BotHarness.start(
                        environment -> environment.put("INFLUX_MANAGEMENT_API_URL", closedPortUrl));

        SlackMessage answer = list();

        assertThat(answer.text())
                .contains(NO_ANSWER)
                .contains("Try again")
                .doesNotContain("Connect")
                .doesNotContain("127.0.0.1");
        assertThat(harness.api.requests()).isEmpty();
        assertThat(harness.logs.lines(Level.WARN))
                .singleElement()
                .asString()
                .contains("GetDatabaseTokens failed: connection failed (ConnectException)")
                .doesNotContain("\tat ");
    }

    // ---- revoke: reading the token before the confirmation ----

    @Test
    void revoke_tokenInfluxDbAnswers404For_saysThereIsNoSuchTokenAndOffersNoButton() {
        harness.api.failNext("GET", Fault.status(404));

        SlackClient.Sent sent = harness.client.command(ALICE, "revoke " + tokenId);

        SlackMessage answer = SlackMessage.of(harness.slack.awaitResponse(sent.responseUrl()));
        assertThat(answer.text())
                .contains("InfluxDB has no database token `" + tokenId + "`")
                .contains("/influx-token list --all");
        assertThat(answer.buttons()).isEmpty();
        assertThat(harness.api.requests()).extracting(Recorded::method).containsExactly("GET");
        assertThat(harness.logs.lines(Level.WARN)).isEmpty();
    }

    @Test
    void revoke_managementTokenRejected_tellsAnAdminToReplaceItAndOffersNoButton() {
        harness.api.failNext("GET", Fault.status(403));

        SlackClient.Sent sent = harness.client.command(ALICE, "revoke " + tokenId);

        SlackMessage answer = SlackMessage.of(harness.slack.awaitResponse(sent.responseUrl()));
        assertThat(answer.text())
                .contains(REJECTED)
                .contains("could not read the database token")
                .contains("`INFLUX_MANAGEMENT_TOKEN`");
        assertThat(answer.buttons()).isEmpty();
        assertThat(harness.api.requests()).extracting(Recorded::method).containsExactly("GET");
        assertThat(harness.logs.lines(Level.WARN))
                .singleElement()
                .asString()
                .contains("GetDatabaseToken failed: HTTP 403")
                .contains("INFLUX_MANAGEMENT_TOKEN");
    }

    // ---- confirm: the DELETE fails ----

    @Test
    void confirm_deleteAnswered401_saysTheManagementTokenWasRejectedAndTheTokenStaysActive() {
        prepare();
        harness.api.failNext("DELETE", Fault.status(401));

        SlackMessage outcome = confirm();

        assertThat(outcome.replacesOriginal()).isTrue();
        assertThat(outcome.text())
                .contains(REJECTED)
                .contains("could not revoke the database token")
                .contains("`INFLUX_MANAGEMENT_TOKEN`")
                .doesNotContain(REVOKED);
        assertThat(harness.api.token(tokenId).orElseThrow().revokedAt()).isNull();
        assertThat(methods()).containsExactly("GET", "DELETE");
        assertThat(harness.logs.lines(Level.WARN))
                .singleElement()
                .asString()
                .contains("DeleteDatabaseToken failed: HTTP 401")
                .contains("INFLUX_MANAGEMENT_TOKEN");
    }

    @Test
    void confirm_deleteAnswered404_saysInfluxDbNoLongerHasTheToken() {
        prepare();
        harness.api.failNext("DELETE", Fault.status(404));

        SlackMessage outcome = confirm();

        assertThat(outcome.replacesOriginal()).isTrue();
        assertThat(outcome.text())
                .contains("InfluxDB no longer has database token `" + tokenId + "`")
                .contains("may have revoked it already")
                .doesNotContain(REVOKED);
        assertThat(methods()).containsExactly("GET", "DELETE");
        assertThat(harness.logs.lines(Level.INFO))
                .anySatisfy(
                        line ->
                                assertThat(line)
                                        .contains("event=failed")
                                        .contains("outcome=not_found")
                                        .contains("apiStatus=404"));
    }

    @Test
    void confirm_deleteAnswered500AndTokenStillActive_saysItDidNotRevokeAndToTryAgain() {
        prepare();
        harness.api.failNext("DELETE", Fault.status(500));

        SlackMessage outcome = confirm();

        assertThat(outcome.text())
                .contains("InfluxDB did not revoke database token `" + tokenId + "`")
                .contains("it is still active")
                .contains("/influx-token revoke " + tokenId + "` to try again")
                .doesNotContain(REVOKED);
        assertThat(harness.api.token(tokenId).orElseThrow().revokedAt()).isNull();
        assertThat(methods()).containsExactly("GET", "DELETE", "GET");
        assertThat(harness.logs.lines(Level.WARN))
                .singleElement()
                .asString()
                .contains("outcome=unconfirmed")
                .contains("DeleteDatabaseToken failed: HTTP 500")
                .contains("reading the token back");
        assertThat(harness.logs.lines(Level.INFO))
                .anySatisfy(line -> assertThat(line).contains("outcome=still_active"));
    }

    @Test
    void confirm_revokedButItsAnswerWas500_isReconciledAndReportedWithTheApiTime() {
        prepare();
        harness.clock.advance(Duration.ofMinutes(3));
        harness.api.failNext("DELETE", Fault.takeEffectThenStatus(500));

        SlackMessage outcome = confirm();

        Instant revokedAt = harness.api.token(tokenId).orElseThrow().revokedAt();
        assertThat(revokedAt).isEqualTo(BotHarness.START.plus(Duration.ofMinutes(3)));
        assertRevokedAt(outcome, revokedAt);
        assertThat(methods()).containsExactly("GET", "DELETE", "GET");
        assertThat(harness.logs.lines(Level.INFO))
                .anySatisfy(line -> assertThat(line).contains("outcome=revoked_on_read_back"));
    }

    @Test
    void confirm_revokedButItsAnswerNeverCame_isReconciledAndReportedWithTheApiTime() {
        prepare();
        harness.api.failNext("DELETE", Fault.takeEffectThenHang());

        SlackMessage outcome = confirm();

        Instant revokedAt = harness.api.token(tokenId).orElseThrow().revokedAt();
        assertRevokedAt(outcome, revokedAt);
        assertThat(methods()).containsExactly("GET", "DELETE", "GET");
        assertThat(harness.logs.lines(Level.WARN))
                .singleElement()
                .asString()
                .contains("DeleteDatabaseToken failed: no answer in time");
        assertThat(harness.logs.lines(Level.INFO))
                .anySatisfy(line -> assertThat(line).contains("outcome=revoked_on_read_back"));
    }

    @Test
    void confirm_deleteHangsAndReadBackFails_saysItMayOrMayNotBeRevoked() {
        prepare();
        harness.api.failNext("DELETE", Fault.hang());
        harness.api.failNext("GET", Fault.status(500), 3);

        SlackMessage outcome = confirm();

        assertThat(outcome.replacesOriginal()).isTrue();
        assertThat(outcome.text())
                .contains("InfluxDB did not confirm the revoke of database token `" + tokenId + "`")
                .contains("may or may not be revoked")
                .contains("/influx-token list --all")
                .doesNotContain(REVOKED);
        assertThat(methods()).containsExactly("GET", "DELETE", "GET", "GET", "GET");
        assertThat(harness.logs.lines(Level.WARN))
                .hasSize(2)
                .last()
                .asString()
                .contains("readBack=failed")
                .contains("GetDatabaseToken failed: HTTP 500")
                .contains("check the token in the InfluxDB console");
    }

    @Test
    void confirm_answered204ButTokenStillActive_warnsThatInfluxDbStillListsIt() {
        prepare();
        harness.api.failNext("DELETE", Fault.succeedWithoutEffect());

        SlackMessage outcome = confirm();

        assertThat(outcome.replacesOriginal()).isTrue();
        assertThat(outcome.text())
                .contains(":warning: InfluxDB accepted the revoke of database token")
                .contains("but still lists it as active")
                .contains("/influx-token list --all")
                .doesNotContain(REVOKED)
                .doesNotContain(":white_check_mark:");
        assertThat(harness.api.token(tokenId).orElseThrow().revokedAt()).isNull();
        assertThat(methods()).containsExactly("GET", "DELETE", "GET");
        assertThat(harness.logs.lines(Level.WARN))
                .singleElement()
                .asString()
                .contains("outcome=revoked_but_still_listed");
    }

    @ParameterizedTest
    @MethodSource("failedConfirms")
    void confirm_clickedAgainAfterAFailedRevoke_saysAlreadyHandledAndSendsNoSecondDelete(
            Consumer<FakeManagementApi> fault) {
        prepare();
        fault.accept(harness.api);
        SlackMessage first = confirm();

        SlackMessage second = confirm();

        assertThat(first.text()).doesNotContain(REVOKED);
        assertThat(second.replacesOriginal()).isFalse();
        assertThat(second.text())
                .contains("already handled")
                .contains("its revoke was not confirmed")
                .doesNotContain(REVOKED);
        assertThat(harness.api.requests("DELETE")).hasSize(1);
    }

    static Stream<Named<Consumer<FakeManagementApi>>> failedConfirms() {
        return Stream.of(
                Named.of("401", api -> api.failNext("DELETE", Fault.status(401))),
                Named.of("404", api -> api.failNext("DELETE", Fault.status(404))),
                Named.of("500, still active", api -> api.failNext("DELETE", Fault.status(500))),
                Named.of(
                        "hang, read-back failing",
                        api -> {
                            api.failNext("DELETE", Fault.hang());
                            api.failNext("GET", Fault.status(500), 3);
                        }),
                Named.of("connection reset", api -> api.failNext("DELETE", Fault.reset())));
    }

    // ---- helpers ----

    private SlackMessage list() {
        SlackClient.Sent sent = harness.client.command(ALICE, "list");
        assertThat(sent.response().statusCode()).isEqualTo(200);
        return SlackMessage.of(harness.slack.awaitResponse(sent.responseUrl()));
    }

    private void assertListed(SlackMessage answer) {
        assertThat(answer.text())
                .contains("1 active database token")
                .contains("`" + tokenId + "`")
                .contains("Telegraf on prod-eu")
                .doesNotContain(NO_ANSWER);
    }

    /** Asks to revoke the token and waits for the confirmation; sends one GET. */
    private void prepare() {
        SlackClient.Sent sent = harness.client.command(ALICE, "revoke " + tokenId);
        SlackMessage confirmation =
                SlackMessage.of(harness.slack.awaitResponse(sent.responseUrl()));
        assertThat(confirmation.buttons()).extracting(b -> b.value()).contains("req-1");
    }

    private SlackMessage confirm() {
        SlackClient.Sent click = harness.client.click(ALICE, "revoke_confirm", "req-1");
        assertThat(click.response().statusCode()).isEqualTo(200);
        return SlackMessage.of(harness.slack.awaitResponse(click.responseUrl()));
    }

    private void assertRevokedAt(SlackMessage outcome, Instant revokedAt) {
        assertThat(revokedAt).isNotNull();
        assertThat(outcome.replacesOriginal()).isTrue();
        assertThat(outcome.text())
                .contains("<@" + ALICE + "> revoked database token `" + tokenId + "`")
                .contains("<!date^" + revokedAt.getEpochSecond() + "^")
                .doesNotContain("at about");
    }

    private List<String> methods() {
        return harness.api.requests().stream().map(Recorded::method).toList();
    }

    /** Every message the bot posted to Slack, checked for the marks of a stack trace. */
    private void assertNoStackTraceReachedSlack() {
        List<String> posted =
                harness.slack.calls().stream()
                        .filter(call -> call.path().startsWith("/response/"))
                        .map(FakeSlack.Call::body)
                        .toList();
        assertThat(posted)
                .allSatisfy(
                        body ->
                                assertThat(body)
                                        .doesNotContain("Exception")
                                        .doesNotContain("at dev.")
                                        .doesNotContain("at java."));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
