package dev.influxtokenbot.e2e;

import static dev.influxtokenbot.testing.BotHarness.ALICE;
import static dev.influxtokenbot.testing.BotHarness.BOB;
import static dev.influxtokenbot.testing.BotHarness.MALLORY;
import static dev.influxtokenbot.testing.FakeManagementApi.ACCOUNT_ID;
import static dev.influxtokenbot.testing.FakeManagementApi.CLUSTER_ID;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.influxtokenbot.testing.BotHarness;
import dev.influxtokenbot.testing.FakeSlack;
import dev.influxtokenbot.testing.HostileText;
import dev.influxtokenbot.testing.SlackClient;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and malformed requests, correctly signed, sent over HTTP: thousands of random command
 * texts and every broken shape of interaction payload we could think of. Each gets a 2xx or 4xx, no
 * message shows a stack trace, and nothing reaches InfluxDB but well-formed reads.
 */
class HostileInputEndToEndTest {
    private static final int COMMANDS = 2000;
    private static final String TOKENS_PATH =
            "/api/v0/accounts/" + ACCOUNT_ID + "/clusters/" + CLUSTER_ID + "/tokens";
    private static final String UUID_PATTERN =
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private BotHarness harness;
    private UUID tokenId;

    @BeforeEach
    void start() throws Exception {
        harness = BotHarness.start();
        tokenId = harness.api.addToken("Telegraf <!channel> & co", BotHarness.START);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void command_thousandsOfHostileTexts_eachAnsweredOnceWithoutErrorsOrStrayRequests()
            throws Exception {
        long seed = Long.getLong("hostile.seed", new Random().nextLong());
        Random random = new Random(seed);
        List<Command> sent = new ArrayList<>();

        for (int i = 0; i < COMMANDS; i++) {
            String user = user(random);
            String text = random.nextInt(20) == 0 ? "revoke " + tokenId : HostileText.next(random);
            SlackClient.Sent command = harness.client.command(user, text);
            sent.add(new Command(user, text, command));
        }
        harness.close();

        String replay = "seed " + seed + " (rerun with -Dhostile.seed=" + seed + ")";
        assertThat(sent)
                .as(replay)
                .allSatisfy(
                        command -> {
                            int status = command.sent().response().statusCode();
                            assertThat(status).as(command.describe()).isBetween(200, 499);
                            assertNoStackTrace(command.sent().response().body());
                            assertThat(answers(command.sent()))
                                    .as(command.describe())
                                    .hasSize(isQueued(command.sent().response()) ? 1 : 0);
                        });
        assertThat(sent)
                .as("queued commands, %s", replay)
                .anyMatch(command -> isQueued(command.sent().response()));
        assertNothingWentWrong();
        assertThat(harness.api.requests("DELETE")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRequests")
    void request_malformed_getsNoServerErrorAndRevokesNothing(Malformed request) throws Exception {
        String body =
                request.body()
                        .apply(SlackClient.clickJson(ALICE, "revoke_confirm", "req-1", url()));

        HttpResponse<String> response = harness.client.postAs(request.contentType(), body);
        harness.close();

        assertThat(response.statusCode()).isBetween(200, 499);
        assertNoStackTrace(response.body());
        assertNothingWentWrong();
        assertThat(harness.api.requests("DELETE")).isEmpty();
    }

    @Test
    void request_bodyOverOneMebibyte_isRefusedAsTooLarge() throws Exception {
        String body = "payload=" + "x".repeat(1 << 20);

        HttpResponse<String> response = harness.client.post(body);
        harness.close();

        assertThat(response.statusCode()).isEqualTo(413);
        assertNoStackTrace(response.body());
        assertThat(harness.api.requests()).isEmpty();
        assertThat(harness.slack.calls())
                .allSatisfy(call -> assertThat(call.path()).isEqualTo("/api/auth.test"));
    }

    static Stream<Malformed> malformedRequests() {
        String form = SlackClient.FORM;
        String json = "application/json";
        return Stream.of(
                Malformed.raw("payload is not JSON", form, "payload=" + encode("{not json")),
                Malformed.raw("payload is a JSON array", form, "payload=" + encode("[1,2,3]")),
                Malformed.raw("payload is a JSON number", form, "payload=42"),
                Malformed.raw("payload is a JSON string", form, "payload=" + encode("\"x\"")),
                Malformed.raw("payload is JSON null", form, "payload=null"),
                Malformed.raw("payload is empty", form, "payload="),
                Malformed.raw("payload= is missing", form, "user=UALICE001&value=req-1"),
                Malformed.raw("body is empty", form, ""),
                Malformed.raw("body is one word", form, "payload"),
                Malformed.raw("body has a broken percent escape", form, "payload=%ZZ%E0%A4%A"),
                Malformed.raw("payload is sent twice", form, "payload=1&payload=2"),
                Malformed.edit("user is missing", payload -> payload.remove("user")),
                Malformed.edit("user is null", payload -> payload.putNull("user")),
                Malformed.edit("user has no id", payload -> payload.putObject("user")),
                Malformed.edit("user is a number", payload -> payload.put("user", 7)),
                Malformed.edit("user is an array", payload -> payload.putArray("user").add("U1")),
                Malformed.edit("actions are missing", payload -> payload.remove("actions")),
                Malformed.edit("actions are empty", payload -> payload.putArray("actions")),
                Malformed.edit(
                        "actions are an object",
                        payload -> payload.putObject("actions").put("value", "req-1")),
                Malformed.edit(
                        "an action is a string",
                        payload -> payload.putArray("actions").add("revoke_confirm")),
                Malformed.edit(
                        "two actions",
                        payload -> payload.withArray("actions").add(firstAction(payload))),
                Malformed.edit(
                        "action_id is unknown",
                        payload -> firstAction(payload).put("action_id", "drop_tables")),
                Malformed.edit(
                        "action_id is missing",
                        payload -> firstAction(payload).remove("action_id")),
                Malformed.edit(
                        "action_id is a number",
                        payload -> firstAction(payload).put("action_id", 1)),
                Malformed.edit(
                        "action_id is 100 KB",
                        payload -> firstAction(payload).put("action_id", "a".repeat(100_000))),
                Malformed.edit("value is missing", payload -> firstAction(payload).remove("value")),
                Malformed.edit(
                        "value is a number", payload -> firstAction(payload).put("value", 12345)),
                Malformed.edit(
                        "value is an object",
                        payload -> firstAction(payload).putObject("value").put("a", 1)),
                Malformed.edit(
                        "value is an array",
                        payload -> firstAction(payload).putArray("value").add("req-1")),
                Malformed.edit(
                        "value is 100 KB on confirm",
                        payload -> firstAction(payload).put("value", "req-" + "9".repeat(100_000))),
                Malformed.edit(
                        "value is 100 KB on start",
                        payload ->
                                firstAction(payload)
                                        .put("action_id", "revoke_start")
                                        .put("value", "../" + "<!channel>".repeat(10_000))),
                Malformed.edit(
                        "value is hostile text on cancel",
                        payload ->
                                firstAction(payload)
                                        .put("action_id", "revoke_cancel")
                                        .put("value", "req-1\n at dev.x(Y.java:1) <!here> ../")),
                Malformed.edit("type is missing", payload -> payload.remove("type")),
                Malformed.edit("type is a number", payload -> payload.put("type", 5)),
                Malformed.edit("type is unknown", payload -> payload.put("type", "nonsense")),
                Malformed.edit(
                        "view_submission without a view",
                        payload -> payload.put("type", "view_submission")),
                Malformed.edit(
                        "shortcut without a callback_id",
                        payload -> payload.put("type", "shortcut")),
                Malformed.edit(
                        "response_url is missing", payload -> payload.remove("response_url")),
                Malformed.edit(
                        "response_url is not a URL",
                        payload -> payload.put("response_url", "not a url")),
                Malformed.edit(
                        "response_url is a number", payload -> payload.put("response_url", 3)),
                Malformed.deeplyNested("a field nests 50,000 arrays deep", 50_000),
                Malformed.raw("JSON body that is not JSON", json, "{"),
                Malformed.raw("JSON body that is an array", json, "[]"),
                Malformed.raw(
                        "JSON body: url_verification without a challenge",
                        json,
                        "{\"type\":\"url_verification\"}"),
                Malformed.raw(
                        "JSON body: event_callback whose event is a number",
                        json,
                        "{\"type\":\"event_callback\",\"event\":5}"),
                Malformed.raw("text/plain body", "text/plain", "revoke everything"),
                Malformed.command("command has no user_id", "user_id"),
                Malformed.command("command has no text", "text"),
                Malformed.command("command has no command", "command"),
                Malformed.command("command has no response_url", "response_url"));
    }

    private static String user(Random random) {
        int kind = random.nextInt(10);
        if (kind < 4) {
            return ALICE;
        }
        if (kind < 6) {
            return BOB;
        }
        if (kind < 8) {
            return MALLORY;
        }
        return random.nextBoolean() ? "U" + HostileText.soup(random) : HostileText.soup(random);
    }

    private String url() {
        return harness.slack.newResponseUrl();
    }

    private List<JsonNode> answers(SlackClient.Sent sent) {
        return harness.slack.pendingResponses(sent.responseUrl());
    }

    /** Acknowledged with an empty 200, so the answer comes later through {@code response_url}. */
    private static boolean isQueued(HttpResponse<String> response) {
        return response.statusCode() == 200 && response.body().isEmpty();
    }

    private void assertNothingWentWrong() {
        List<String> posted =
                harness.slack.calls().stream()
                        .filter(call -> call.path().startsWith("/response/"))
                        .map(FakeSlack.Call::body)
                        .toList();
        assertThat(posted).allSatisfy(HostileInputEndToEndTest::assertNoStackTrace);
        assertThat(posted).noneMatch(body -> body.contains("Something went wrong"));
        assertThat(harness.logs.lines(Level.ERROR)).isEmpty();
        assertThat(harness.api.requests())
                .allSatisfy(
                        request -> {
                            assertThat(request.method()).isEqualTo("GET");
                            assertThat(request.query()).isNull();
                            assertThat(request.path())
                                    .matches(
                                            TOKENS_PATH.replace("/", "\\/")
                                                    + "(\\/"
                                                    + UUID_PATTERN
                                                    + ")?");
                        });
    }

    private static void assertNoStackTrace(String text) {
        assertThat(text).doesNotContain("Exception", "at java.", "at dev.");
    }

    private static ObjectNode firstAction(ObjectNode payload) {
        return (ObjectNode) payload.withArray("actions").get(0);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** A command as sent and answered. */
    private record Command(String user, String text, SlackClient.Sent sent) {
        String describe() {
            return "/influx-token "
                    + HostileText.visible(text)
                    + " by "
                    + HostileText.visible(user);
        }
    }

    /** A broken request, made from Slack's sample click (or command) by {@code body}. */
    record Malformed(String name, String contentType, Function<ObjectNode, String> body) {

        static Malformed raw(String name, String contentType, String body) {
            return new Malformed(name, contentType, click -> body);
        }

        static Malformed edit(String name, Consumer<ObjectNode> edit) {
            return new Malformed(
                    name,
                    SlackClient.FORM,
                    click -> {
                        edit.accept(click);
                        return "payload=" + encode(click.toString());
                    });
        }

        /** A click with a field nested deeper than any JSON library's default limit. */
        static Malformed deeplyNested(String name, int depth) {
            String deep = "[".repeat(depth) + "]".repeat(depth);
            return new Malformed(
                    name,
                    SlackClient.FORM,
                    click ->
                            "payload="
                                    + encode(
                                            "{\"extra\":"
                                                    + deep
                                                    + ","
                                                    + click.toString().substring(1)));
        }

        /** Slack's sample {@code list} command without {@code field}. */
        static Malformed command(String name, String field) {
            return new Malformed(
                    name,
                    SlackClient.FORM,
                    click ->
                            SlackClient.commandBody(
                                            ALICE, "list", click.path("response_url").asText())
                                    .replaceAll("(^|&)" + field + "=[^&]*", ""));
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
