package dev.influxtokenbot.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for Slack on a real HTTP server on 127.0.0.1: the Web API methods the bot calls under
 * {@code /api/}, and {@code response_url}s under {@code /response/<id>} that record the messages
 * posted to them.
 */
public final class FakeSlack implements AutoCloseable {
    public static final String TEAM_ID = "T0001";
    public static final String BOT_USER_ID = "UBOT0001";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, BlockingQueue<JsonNode>> responses = new ConcurrentHashMap<>();
    private final AtomicInteger responseIds = new AtomicInteger();
    private volatile String socketModeUrl = "ws://127.0.0.1:1/";
    private volatile boolean rejectBotToken;

    public FakeSlack() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/", this::webApi);
        server.createContext("/response/", this::responseUrl);
        server.setExecutor(executor);
        server.start();
    }

    /** The Web API base to give the bot as {@code SLACK_API_URL}. */
    public URI apiUrl() {
        return URI.create(base() + "/api/");
    }

    /** A fresh {@code response_url}; its id is the last path segment. */
    public String newResponseUrl() {
        return base() + "/response/" + responseIds.incrementAndGet();
    }

    /** What {@code apps.connections.open} hands out: the Socket Mode WebSocket to connect to. */
    public void socketModeUrl(String url) {
        this.socketModeUrl = url;
    }

    /** Makes {@code auth.test} answer {@code invalid_auth}, as Slack does for a revoked token. */
    public void rejectBotToken() {
        this.rejectBotToken = true;
    }

    /** The next message posted to {@code responseUrl}, waiting up to {@code timeout}. */
    public JsonNode awaitResponse(String responseUrl, Duration timeout) {
        try {
            JsonNode message = queue(responseUrl).poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (message == null) {
                throw new AssertionError("nothing was posted to " + responseUrl + " in " + timeout);
            }
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public JsonNode awaitResponse(String responseUrl) {
        return awaitResponse(responseUrl, Duration.ofSeconds(10));
    }

    /** Messages posted to {@code responseUrl} so far and not yet awaited. */
    public List<JsonNode> pendingResponses(String responseUrl) {
        return List.copyOf(queue(responseUrl));
    }

    /** Every request Slack received, Web API calls and {@code response_url} posts alike. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String path) {
        return calls.stream().filter(call -> call.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private BlockingQueue<JsonNode> queue(String responseUrl) {
        String id = responseUrl.substring(responseUrl.lastIndexOf('/') + 1);
        return responses.computeIfAbsent(id, key -> new LinkedBlockingQueue<>());
    }

    private void webApi(HttpExchange exchange) throws IOException {
        Call call = record(exchange);
        String method = call.path().substring("/api/".length());
        String body =
                switch (method) {
                    case "auth.test" ->
                            rejectBotToken
                                    ? "{\"ok\":false,\"error\":\"invalid_auth\"}"
                                    : "{\"ok\":true,\"url\":\"https://example.slack.com/\","
                                          + "\"team\":\"Example\",\"user\":\"influxbot\",\"team_id\":\""
                                            + TEAM_ID
                                            + "\",\"user_id\":\""
                                            + BOT_USER_ID
                                            + "\",\"bot_id\":\"B0001\",\"is_enterprise_install\":false}";
                    case "apps.connections.open" ->
                            "{\"ok\":true,\"url\":\"" + socketModeUrl + "\"}";
                    default -> "{\"ok\":false,\"error\":\"unknown_method\"}";
                };
        send(exchange, 200, "application/json; charset=utf-8", body);
    }

    private void responseUrl(HttpExchange exchange) throws IOException {
        Call call = record(exchange);
        queue(call.path()).add(JSON.readTree(call.body()));
        send(exchange, 200, "text/plain", "ok");
    }

    private Call record(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Call call =
                new Call(
                        exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        body);
        calls.add(call);
        return call;
    }

    private static void send(HttpExchange exchange, int status, String type, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** One request to the fake Slack. */
    public record Call(String path, String authorization, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
