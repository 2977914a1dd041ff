package dev.influxtokenbot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Measures how long a confirmed click takes to reach the Management API: for each of the fake's
 * database tokens it asks the bot to revoke, reads the confirm button's request id from the message
 * posted to the fake Slack, then clicks it, one click at a time, each on a connection of its own.
 * The fake records when each DELETE arrived, on the same wall clock of this machine as the time the
 * click was sent here.
 *
 * <p>Usage: {@code ClickLatency BOT_URL FAKE_SLACK_URL MANAGEMENT_API_URL ROUNDS RESULT_PREFIX}.
 */
public final class ClickLatency {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration PAUSE_BEFORE_CLICK = Duration.ofMillis(20);

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI botUrl;
    private final String fakeSlack;
    private final String management;

    private ClickLatency(URI botUrl, String fakeSlack, String managementApiUrl) {
        this.botUrl = botUrl;
        this.fakeSlack = fakeSlack;
        this.management = managementApiUrl.replaceFirst("/api/v0$", "");
    }

    public static void main(String[] args) throws Exception {
        ClickLatency clicks = new ClickLatency(URI.create(args[0]), args[1], args[2]);
        int rounds = Integer.parseInt(args[3]);
        String prefix = args[4];

        List<Long> toDelete = new ArrayList<>();
        List<Long> acks = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            clicks.round(round, toDelete, acks);
        }
        Latencies delete = new Latencies(toDelete.stream().mapToLong(Long::longValue).toArray());
        Latencies ack = new Latencies(acks.stream().mapToLong(Long::longValue).toArray());
        System.out.println(prefix + ".clicks=" + delete.count());
        System.out.println(prefix + ".p50_ms=" + Latencies.millis(delete.percentile(50)));
        System.out.println(prefix + ".p90_ms=" + Latencies.millis(delete.percentile(90)));
        System.out.println(prefix + ".max_ms=" + Latencies.millis(delete.max()));
        System.out.println(prefix + ".ack_p50_ms=" + Latencies.millis(ack.percentile(50)));
    }

    /** Revokes every token once; adds each click's latency to the DELETE, in nanoseconds. */
    private void round(int round, List<Long> toDelete, List<Long> acks) throws Exception {
        post(management + "/bench/reactivate");
        Map<UUID, Instant> sent = new HashMap<>();
        for (int i = 0; i < BenchTokens.COUNT; i++) {
            UUID tokenId = BenchTokens.IDS.get(i);
            String requestId = prepare(i, "keep_" + round + "_prepare-" + i);

            String answer = "keep_" + round + "_click-" + i;
            SignedRequests.Signed click =
                    SignedRequests.confirmClick(requestId, fakeSlack + "/response/" + answer);
            sent.put(tokenId, clickOnce(click, acks));
            awaitMessage(answer);
        }

        Map<UUID, Instant> arrived = deletes();
        for (Map.Entry<UUID, Instant> click : sent.entrySet()) {
            Instant delete = arrived.get(click.getKey());
            if (delete == null) {
                throw new IllegalStateException("no DELETE arrived for " + click.getKey());
            }
            toDelete.add(ChronoUnit.NANOS.between(click.getValue(), delete));
        }
    }

    /**
     * Sends the click over a plain socket, so nothing of an HTTP client's own stands between the
     * recorded time and the bytes reaching the bot: the connection is open and idle first, and the
     * time is taken just before the request is written.
     *
     * @return when the click was sent
     */
    private Instant clickOnce(SignedRequests.Signed click, List<Long> acks) throws Exception {
        byte[] request = click.toHttp(botUrl).getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(botUrl.getHost(), botUrl.getPort())) {
            socket.setTcpNoDelay(true);
            Thread.sleep(PAUSE_BEFORE_CLICK.toMillis());
            OutputStream out = socket.getOutputStream();
            Instant sent = Instant.now();
            long start = System.nanoTime();
            out.write(request);
            out.flush();
            String answer =
                    new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            acks.add(System.nanoTime() - start);
            if (!answer.startsWith("HTTP/1.1 200")) {
                throw new IllegalStateException("the bot answered a click with " + answer);
            }
            return sent;
        }
    }

    /** Sends {@code revoke <id>} and returns the request id its confirm button carries. */
    private String prepare(int token, String answer) throws Exception {
        HttpRequest command =
                SignedRequests.command("revoke", token, fakeSlack + "/response/" + answer)
                        .toRequest(botUrl);
        ok(http.send(command, HttpResponse.BodyHandlers.ofString()));
        JsonNode message = awaitMessage(answer);
        for (JsonNode element : message.findParents("action_id")) {
            if (element.path("action_id").asText().equals("revoke_confirm")) {
                return element.path("value").asText();
            }
        }
        throw new IllegalStateException("no confirm button in the bot's answer: " + message);
    }

    private JsonNode awaitMessage(String answer) throws Exception {
        HttpRequest get =
                HttpRequest.newBuilder(URI.create(fakeSlack + "/bench/message/" + answer)).build();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = http.send(get, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return JSON.readTree(response.body());
            }
            Thread.sleep(2);
        }
        throw new IllegalStateException("the bot posted nothing to " + answer + " in " + WAIT);
    }

    private Map<UUID, Instant> deletes() throws Exception {
        HttpRequest get = HttpRequest.newBuilder(URI.create(management + "/bench/deletes")).build();
        Map<UUID, Instant> arrived = new HashMap<>();
        String lines = http.send(get, HttpResponse.BodyHandlers.ofString()).body();
        for (String line : lines.split("\n")) {
            if (!line.isBlank()) {
                String[] fields = line.split(" ");
                long micros = Long.parseLong(fields[1]);
                arrived.putIfAbsent(
                        UUID.fromString(fields[0]), Instant.EPOCH.plus(micros, ChronoUnit.MICROS));
            }
        }
        return arrived;
    }

    private void post(String url) throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(url))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build();
        ok(http.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    private static void ok(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    response.request().uri() + " answered " + response.statusCode());
        }
    }
}
