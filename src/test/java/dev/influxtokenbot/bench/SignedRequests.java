package dev.influxtokenbot.bench;

import dev.influxtokenbot.testing.SlackClient;
import dev.influxtokenbot.testing.SlackSigner;
import dev.influxtokenbot.testing.TestSecrets;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/** Slash commands and clicks as Slack sends them, signed now with the benchmark's secret. */
final class SignedRequests {
    private SignedRequests() {}

    /** A body with the headers Slack would put on it. */
    record Signed(String timestamp, String signature, String body) {
        HttpRequest toRequest(URI botUrl) {
            return HttpRequest.newBuilder(botUrl.resolve("/slack/events"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Slack-Request-Timestamp", timestamp)
                    .header("X-Slack-Signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
        }

        /** The whole HTTP/1.1 request, asking the bot to close the connection after answering. */
        String toHttp(URI botUrl) {
            int length = body.getBytes(StandardCharsets.UTF_8).length;
            return "POST /slack/events HTTP/1.1\r\n"
                    + ("Host: " + botUrl.getHost() + ":" + botUrl.getPort() + "\r\n")
                    + "Content-Type: application/x-www-form-urlencoded\r\n"
                    + ("Content-Length: " + length + "\r\n")
                    + ("X-Slack-Request-Timestamp: " + timestamp + "\r\n")
                    + ("X-Slack-Signature: " + signature + "\r\n")
                    + "Connection: close\r\n\r\n"
                    + body;
        }

        /** One line for the wrk script: timestamp, signature and body, tab-separated. */
        String toLine() {
            return timestamp + "\t" + signature + "\t" + body;
        }
    }

    static Signed sign(String body) {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        return new Signed(
                timestamp, SlackSigner.sign(TestSecrets.SIGNING_SECRET, timestamp, body), body);
    }

    /**
     * The {@code n}th command of a kind: {@code help}, {@code list}, or {@code revoke} of one of
     * the fake's database tokens in turn. Its later answer, if any, goes to {@code responseUrl}.
     */
    static Signed command(String kind, int n, String responseUrl) {
        return sign(SlackClient.commandBody(BenchTokens.REQUESTER, text(kind, n), responseUrl));
    }

    /** A click on the confirm button of the revoke request {@code requestId}. */
    static Signed confirmClick(String requestId, String responseUrl) {
        // The action id of the bot's confirm button (ActionIds.CONFIRM_REVOKE).
        return sign(
                SlackClient.clickBody(
                        BenchTokens.REQUESTER, "revoke_confirm", requestId, responseUrl));
    }

    private static String text(String kind, int n) {
        return switch (kind) {
            case "help", "list" -> kind;
            case "revoke" -> "revoke " + BenchTokens.IDS.get(n % BenchTokens.COUNT);
            default -> throw new IllegalArgumentException("unknown command kind " + kind);
        };
    }
}
