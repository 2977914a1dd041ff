package dev.influxtokenbot.e2e;

import static dev.influxtokenbot.testing.BotHarness.ALICE;
import static dev.influxtokenbot.testing.BotHarness.MALLORY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.influxtokenbot.config.Settings;
import dev.influxtokenbot.testing.BotHarness;
import dev.influxtokenbot.testing.FakeManagementApi.Fault;
import dev.influxtokenbot.testing.FakeSlack;
import dev.influxtokenbot.testing.SlackClient;
import dev.influxtokenbot.testing.TestSecrets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * No secret appears in any log line, Slack message, HTTP answer or {@code toString}, across a run
 * that goes through successes, refusals and every kind of failure.
 */
class SecretsEndToEndTest {
    private BotHarness harness;
    private final List<String> httpAnswers = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        harness = BotHarness.start();
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void wholeRun_withFailures_leaksNoSecretAnywhere() throws Exception {
        UUID first = harness.api.addToken("Telegraf", BotHarness.START);
        UUID second = harness.api.addToken("Grafana", BotHarness.START);

        run("help", ALICE);
        run("list", MALLORY);
        awaitAnswer(run("list", ALICE));
        revokeAndConfirm(first);
        harness.api.failNext("GET", Fault.statusEchoingCredentials(401));
        awaitAnswer(run("list", ALICE));
        harness.api.failNext("GET", Fault.statusEchoingCredentials(500), 3);
        awaitAnswer(run("list --all", ALICE));
        harness.api.failNext("DELETE", Fault.statusEchoingCredentials(403));
        revokeAndConfirm(second);
        harness.api.failNext("GET", Fault.hang());
        awaitAnswer(run("revoke " + second, ALICE));
        httpAnswers.add(harness.client.post("token=x", "1", "v0=forged").body());

        assertThat(harness.logs.lines()).hasSizeGreaterThan(10);
        assertNoSecretIn("log", harness.logs.all());
        assertNoSecretIn("HTTP answers", String.join("\n", httpAnswers));
        for (FakeSlack.Call call : harness.slack.calls()) {
            if (call.path().startsWith("/response/")) {
                assertNoSecretIn("message to " + call.path(), call.body());
            }
        }
    }

    @Test
    void managementApiErrorRepeatingTheCredentials_isLoggedWithTheTokenCutOut() throws Exception {
        harness.api.failNext("GET", Fault.statusEchoingCredentials(401));

        awaitAnswer(run("list", ALICE));

        assertThat(harness.logs.all()).contains("bad credentials: Bearer [management token]");
        assertNoSecretIn("log", harness.logs.all());
    }

    @Test
    void settings_toString_showsNoSecret() throws Exception {
        Settings settings =
                Settings.fromEnvironment(BotHarness.environment(harness.slack, harness.api));

        assertNoSecretIn("Settings.toString", settings.toString());
        assertThat(settings.toString()).contains("[redacted]");
    }

    private SlackClient.Sent run(String text, String user) {
        SlackClient.Sent sent = harness.client.command(user, text);
        httpAnswers.add(sent.response().body());
        return sent;
    }

    private void awaitAnswer(SlackClient.Sent sent) {
        harness.slack.awaitResponse(sent.responseUrl());
    }

    private void revokeAndConfirm(UUID tokenId) {
        SlackClient.Sent sent = run("revoke " + tokenId, ALICE);
        String requestId =
                harness.slack.awaitResponse(sent.responseUrl()).findValues("value").get(0).asText();
        SlackClient.Sent click = harness.client.click(ALICE, "revoke_confirm", requestId);
        httpAnswers.add(click.response().body());
        harness.slack.awaitResponse(click.responseUrl());
    }

    private static void assertNoSecretIn(String where, String text) {
        for (String secret : TestSecrets.ALL) {
            assertThat(text).as(where).doesNotContain(secret);
        }
    }
}
