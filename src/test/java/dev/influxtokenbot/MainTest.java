package dev.influxtokenbot;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.influxtokenbot.testing.BotHarness;
import dev.influxtokenbot.testing.FakeManagementApi;
import dev.influxtokenbot.testing.FakeSlack;
import dev.influxtokenbot.testing.LogCapture;
import dev.influxtokenbot.testing.MutableClock;
import dev.influxtokenbot.testing.TestSecrets;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Startup: bad settings stop the bot with exit code 2 and one clear line per problem. */
class MainTest {
    private LogCapture logs;

    @BeforeEach
    void captureLogs() {
        logs = LogCapture.attach();
    }

    @AfterEach
    void releaseLogs() {
        logs.close();
    }

    @Test
    void run_emptyEnvironment_exitsWith2AndNamesEveryMissingVariable() {
        int code = Main.run(Map.of());

        assertThat(code).isEqualTo(2);
        assertThat(logs.lines(Level.ERROR))
                .anyMatch(line -> line.contains("SLACK_BOT_TOKEN is not set"))
                .anyMatch(line -> line.contains("SLACK_SIGNING_SECRET is not set"))
                .anyMatch(line -> line.contains("INFLUX_ACCOUNT_ID is not set"))
                .anyMatch(line -> line.contains("INFLUX_CLUSTER_ID is not set"))
                .anyMatch(line -> line.contains("INFLUX_MANAGEMENT_TOKEN is not set"))
                .anyMatch(line -> line.contains("fix the 5 problem(s) above"));
        assertThat(logs.events())
                .allSatisfy(event -> assertThat(event.getThrowableProxy()).isNull());
    }

    @Test
    void run_malformedSettings_exitsWith2WithoutPrintingAnySecretValue() {
        Map<String, String> environment = new HashMap<>();
        environment.put("SLACK_BOT_TOKEN", "xoxp-" + TestSecrets.BOT_TOKEN);
        environment.put("SLACK_APP_TOKEN", "xoxb-" + TestSecrets.APP_TOKEN);
        environment.put("INFLUX_ACCOUNT_ID", "not-a-uuid");
        environment.put("INFLUX_CLUSTER_ID", FakeManagementApi.CLUSTER_ID.toString());
        environment.put("INFLUX_MANAGEMENT_TOKEN", TestSecrets.MANAGEMENT_TOKEN);
        environment.put("INFLUX_MANAGEMENT_API_URL", "http://influx.example.com/api/v0");
        environment.put("ALLOWED_USERS", "UALICE001, bob");

        int code = Main.run(environment);

        assertThat(code).isEqualTo(2);
        assertThat(logs.lines(Level.ERROR))
                .anyMatch(line -> line.contains("SLACK_BOT_TOKEN must start with xoxb-"))
                .anyMatch(line -> line.contains("SLACK_APP_TOKEN must start with xapp-"))
                .anyMatch(
                        line ->
                                line.contains("INFLUX_ACCOUNT_ID must be a UUID")
                                        && line.contains("'not-a-uuid'"))
                .anyMatch(line -> line.contains("INFLUX_MANAGEMENT_API_URL must be an https URL"))
                .anyMatch(line -> line.contains("ALLOWED_USERS") && line.contains("'bob'"));
        for (String secret : TestSecrets.ALL) {
            assertThat(logs.all()).doesNotContain(secret);
        }
        assertThat(logs.events())
                .allSatisfy(event -> assertThat(event.getThrowableProxy()).isNull());
    }

    @Test
    void run_slackRejectsTheBotToken_exitsWith1AndSaysSo() throws Exception {
        try (FakeSlack slack = new FakeSlack();
                FakeManagementApi api = new FakeManagementApi(new MutableClock(BotHarness.START))) {
            slack.rejectBotToken();

            int code = Main.run(BotHarness.environment(slack, api));

            assertThat(code).isEqualTo(1);
            assertThat(logs.lines(Level.ERROR))
                    .anyMatch(
                            line ->
                                    line.contains("Slack did not accept SLACK_BOT_TOKEN")
                                            && line.contains("invalid_auth"));
            assertThat(logs.all()).doesNotContain(TestSecrets.BOT_TOKEN);
            assertThat(logs.events())
                    .allSatisfy(event -> assertThat(event.getThrowableProxy()).isNull());
        }
    }

    @Test
    void run_portAlreadyTaken_exitsWith1AndSaysWhy() throws Exception {
        try (FakeSlack slack = new FakeSlack();
                FakeManagementApi api = new FakeManagementApi(new MutableClock(BotHarness.START));
                ServerSocket taken = new ServerSocket(0)) {
            Map<String, String> environment = BotHarness.environment(slack, api);
            environment.put("PORT", Integer.toString(taken.getLocalPort()));

            int code = Main.run(environment);

            assertThat(code).isEqualTo(1);
            assertThat(logs.lines(Level.ERROR)).anyMatch(line -> line.contains("Not starting"));
        }
    }

    @Test
    void start_emptyAllowlist_warnsThatEveryoneIsRefused() throws Exception {
        try (BotHarness harness =
                BotHarness.start(environment -> environment.remove("ALLOWED_USERS"))) {
            assertThat(harness.logs.lines(Level.WARN))
                    .anyMatch(
                            line ->
                                    line.contains("ALLOWED_USERS is empty")
                                            && line.contains("refuses everyone"));
        }
    }
}
