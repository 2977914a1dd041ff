package dev.influxtokenbot.e2e;

import static dev.influxtokenbot.testing.BotHarness.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.influxtokenbot.Bot;
import dev.influxtokenbot.config.Settings;
import dev.influxtokenbot.testing.BotHarness;
import dev.influxtokenbot.testing.FakeManagementApi;
import dev.influxtokenbot.testing.FakeSlack;
import dev.influxtokenbot.testing.FakeSocketMode;
import dev.influxtokenbot.testing.LogCapture;
import dev.influxtokenbot.testing.MutableClock;
import dev.influxtokenbot.testing.Resources;
import dev.influxtokenbot.testing.SlackClient;
import dev.influxtokenbot.testing.SlackMessage;
import dev.influxtokenbot.testing.TestSecrets;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Socket Mode: the bot opens the WebSocket that {@code apps.connections.open} names, takes commands
 * and clicks as envelopes, and acknowledges each on the same connection.
 */
class SocketModeEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private LogCapture logs;
    private MutableClock clock;
    private FakeSlack slack;
    private FakeManagementApi api;
    private FakeSocketMode socketMode;
    private Bot bot;
    private Path dataDirectory;

    @BeforeEach
    void start() throws Exception {
        logs = LogCapture.attach();
        clock = new MutableClock(BotHarness.START);
        slack = new FakeSlack();
        api = new FakeManagementApi(clock);
        socketMode = new FakeSocketMode();
        slack.socketModeUrl(socketMode.url());

        Map<String, String> environment = BotHarness.environment(slack, api);
        environment.remove("SLACK_SIGNING_SECRET");
        environment.put("SLACK_APP_TOKEN", TestSecrets.APP_TOKEN);
        dataDirectory = Files.createTempDirectory("influx-token-bot-test");
        environment.put("DATA_DIR", dataDirectory.toString());
        bot =
                Bot.start(
                        Settings.fromEnvironment(environment),
                        clock,
                        BotHarness.countingIds(),
                        BotHarness.TUNING);
        socketMode.awaitConnection();
    }

    @AfterEach
    void stop() throws Exception {
        try {
            bot.close();
        } finally {
            socketMode.close();
            api.close();
            slack.close();
            logs.close();
            BotHarness.deleteRecursively(dataDirectory);
        }
    }

    @Test
    void connect_opensTheConnectionWithTheAppTokenAndListensOnNoPort() {
        FakeSlack.Call open = slack.calls("/api/apps.connections.open").get(0);

        assertThat(open.authorization()).isEqualTo("Bearer " + TestSecrets.APP_TOKEN);
        assertThat(bot.httpPort()).isEqualTo(-1);
    }

    @Test
    void help_isAnsweredInTheAcknowledgementPayload() throws Exception {
        String envelope =
                socketMode.sendSlashCommand(command(ALICE, "help", slack.newResponseUrl()));

        JsonNode ack = socketMode.awaitAck(envelope, WAIT);
        assertThat(ack.path("payload").path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(ack.path("payload").toString()).contains("/influx-token revoke TOKEN_ID");
    }

    @Test
    void revoke_confirmedByAClickEnvelope_sendsOneDeleteAndReportsTheOutcome() throws Exception {
        UUID tokenId =
                api.addToken("Telegraf", BotHarness.START, FakeManagementApi.Permission.write("*"));
        String commandUrl = slack.newResponseUrl();

        String commandEnvelope =
                socketMode.sendSlashCommand(command(ALICE, "revoke " + tokenId, commandUrl));
        JsonNode commandAck = socketMode.awaitAck(commandEnvelope, WAIT);
        SlackMessage confirmation = SlackMessage.of(slack.awaitResponse(commandUrl));
        String clickUrl = slack.newResponseUrl();
        String clickEnvelope =
                socketMode.sendInteractive(
                        SlackClient.clickJson(
                                ALICE,
                                "revoke_confirm",
                                confirmation.buttons().get(0).value(),
                                clickUrl));
        JsonNode clickAck = socketMode.awaitAck(clickEnvelope, WAIT);
        SlackMessage outcome = SlackMessage.of(slack.awaitResponse(clickUrl));

        assertThat(commandAck.has("payload")).isFalse();
        assertThat(clickAck.has("payload")).isFalse();
        assertThat(confirmation.buttons())
                .extracting(SlackMessage.Button::actionId)
                .containsExactly("revoke_confirm", "revoke_cancel");
        assertThat(outcome.replacesOriginal()).isTrue();
        assertThat(outcome.text()).contains("<@" + ALICE + "> revoked database token");
        assertThat(api.requests("DELETE")).hasSize(1);
        assertThat(api.token(tokenId).orElseThrow().revokedAt()).isNotNull();
        for (String secret : TestSecrets.ALL) {
            assertThat(logs.all()).doesNotContain(secret);
        }
    }

    /** Slack's documented command, as the JSON object a Socket Mode envelope carries. */
    private static ObjectNode command(String userId, String text, String responseUrl) {
        String form = SlackClient.commandBody(userId, text, responseUrl);
        ObjectNode payload = JSON.createObjectNode();
        for (String pair : form.split("&")) {
            String[] parts = pair.split("=", 2);
            payload.put(
                    URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        assertThat(Resources.read(SlackClient.COMMAND_TEMPLATE)).contains("command=");
        return payload;
    }
}
