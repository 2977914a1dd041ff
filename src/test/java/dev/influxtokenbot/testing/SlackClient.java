package dev.influxtokenbot.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Speaks to the bot as Slack does: form-encoded slash commands and {@code payload=} interactions,
 * built from Slack's own sample payloads in the test resources and signed with the signing secret.
 */
public final class SlackClient {
    public static final String COMMAND_TEMPLATE =
            "reference/slack/slash-command-docs-example.form.txt";
    public static final String CLICK_TEMPLATE =
            "reference/slack/block-actions-ephemeral-message.json";

    /** How Slack sends commands and interactions to a request URL. */
    public static final String FORM = "application/x-www-form-urlencoded";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI eventsUrl;
    private final Clock clock;
    private final FakeSlack slack;

    public SlackClient(URI botUrl, Clock clock, FakeSlack slack) {
        this.eventsUrl = botUrl.resolve("/slack/events");
        this.clock = clock;
        this.slack = slack;
    }

    /** A signed {@code /influx-token} command; its answer goes to {@code responseUrl}. */
    public HttpResponse<String> command(String userId, String text, String responseUrl) {
        return post(commandBody(userId, text, responseUrl));
    }

    /** Sends a command with a fresh response URL and returns both. */
    public Sent command(String userId, String text) {
        String responseUrl = slack.newResponseUrl();
        return new Sent(command(userId, text, responseUrl), responseUrl);
    }

    /** A signed click on a button; its answer goes to a fresh {@code response_url}. */
    public Sent click(String userId, String actionId, String value) {
        String responseUrl = slack.newResponseUrl();
        return new Sent(post(clickBody(userId, actionId, value, responseUrl)), responseUrl);
    }

    /**
     * A signed click on a button of a channel message, such as a request for approval, with the
     * text typed in the message's note field (empty for none).
     */
    public Sent clickInChannel(
            String userId, String actionId, String value, FakeSlack.Message message, String note) {
        String responseUrl = slack.newResponseUrl();
        ObjectNode payload = clickJson(userId, actionId, value, responseUrl);
        ObjectNode container = (ObjectNode) payload.get("container");
        container.put("channel_id", message.channel()).put("message_ts", message.ts());
        container.put("is_ephemeral", false);
        ((ObjectNode) payload.get("channel")).put("id", message.channel());
        ObjectNode values = payload.putObject("state").putObject("values");
        values.putObject("decision_note")
                .putObject("decision_note_input")
                .put("type", "plain_text_input")
                .put("value", note);
        String body = "payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8);
        return new Sent(post(body), responseUrl);
    }

    /** Posts {@code body} signed with the right secret and the current time. */
    public HttpResponse<String> post(String body) {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String signature = SlackSigner.sign(TestSecrets.SIGNING_SECRET, timestamp, body);
        return post(body, timestamp, signature);
    }

    /** Posts {@code body} with exactly these signature headers; null leaves a header out. */
    public HttpResponse<String> post(String body, String timestamp, String signature) {
        return post(FORM, body, timestamp, signature);
    }

    /** Posts {@code body} as {@code contentType}, signed with the right secret and current time. */
    public HttpResponse<String> postAs(String contentType, String body) {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String signature = SlackSigner.sign(TestSecrets.SIGNING_SECRET, timestamp, body);
        return post(contentType, body, timestamp, signature);
    }

    private HttpResponse<String> post(
            String contentType, String body, String timestamp, String signature) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(eventsUrl)
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofString(body));
        if (timestamp != null) {
            request.header("X-Slack-Request-Timestamp", timestamp);
        }
        if (signature != null) {
            request.header("X-Slack-Signature", signature);
        }
        return send(request.build());
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(eventsUrl.resolve(path)).GET().build());
    }

    /** Slack's documented command body with this user, text and response URL. */
    public static String commandBody(String userId, String text, String responseUrl) {
        Map<String, String> fields = parseForm(Resources.read(COMMAND_TEMPLATE));
        fields.put("user_id", userId);
        fields.put("user_name", userId.toLowerCase());
        fields.put("command", "/influx-token");
        fields.put("text", text);
        fields.put("response_url", responseUrl);
        return encodeForm(fields);
    }

    /** Slack's sample click from an ephemeral message, on our button. */
    public static String clickBody(
            String userId, String actionId, String value, String responseUrl) {
        return "payload="
                + URLEncoder.encode(
                        clickJson(userId, actionId, value, responseUrl).toString(),
                        StandardCharsets.UTF_8);
    }

    public static ObjectNode clickJson(
            String userId, String actionId, String value, String responseUrl) {
        try {
            ObjectNode payload = (ObjectNode) JSON.readTree(Resources.read(CLICK_TEMPLATE));
            ObjectNode user = (ObjectNode) payload.get("user");
            user.put("id", userId)
                    .put("username", userId.toLowerCase())
                    .put("name", userId.toLowerCase());
            payload.put("response_url", responseUrl);
            ObjectNode action = (ObjectNode) payload.withArray("actions").get(0);
            action.put("action_id", actionId).put("value", value);
            action.put("block_id", "confirmation");
            payload.remove("state");
            return payload;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Map<String, String> parseForm(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.strip().split("&")) {
            int equals = pair.indexOf('=');
            fields.put(
                    URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    static String encodeForm(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(
                        entry ->
                                URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8)
                                        + "="
                                        + URLEncoder.encode(
                                                entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A request sent to the bot, its HTTP answer, and where its later answer will be posted. */
    public record Sent(HttpResponse<String> response, String responseUrl) {}
}
