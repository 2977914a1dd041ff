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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

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
    private final Map<String, Message> currentMessages = new LinkedHashMap<>();
    private final Map<String, Integer> updateCounts = new HashMap<>();
    private final Map<String, Queue<WebApiFault>> faults = new ConcurrentHashMap<>();
    private final Map<String, Queue<Integer>> responseUrlFaults = new ConcurrentHashMap<>();
    private final AtomicInteger nextTs = new AtomicInteger();

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

    // ---- channel messages (chat.postMessage and chat.update) ----

    /** A channel the bot is not in: posting there answers {@code not_in_channel}. */
    public static final String CHANNEL_WITHOUT_BOT = "CNOTJOINED";

    /** Messages as they stand now, in the order they were first posted. */
    public synchronized List<Message> messages() {
        return List.copyOf(currentMessages.values());
    }

    /** The message posted at {@code ts} in {@code channel}, as it stands now. */
    public synchronized Message message(String channel, String ts) {
        return currentMessages.get(channel + "/" + ts);
    }

    /** How many times {@code chat.update} changed the message at {@code ts}. */
    public synchronized int updates(String ts) {
        return updateCounts.getOrDefault(ts, 0);
    }

    /** Waits until some message, as it stands now, satisfies {@code condition}. */
    public synchronized Message awaitMessage(Predicate<Message> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Message message : currentMessages.values()) {
                if (condition.test(message)) {
                    return message;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(
                        "no message matched in "
                                + timeout
                                + "; messages: "
                                + currentMessages.values());
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    public Message awaitMessage(Predicate<Message> condition) {
        return awaitMessage(condition, Duration.ofSeconds(10));
    }

    /** Makes the next call of a Web API method fail as {@code fault} says. */
    public void failNext(String method, WebApiFault fault) {
        faults.computeIfAbsent(method, key -> new ConcurrentLinkedQueue<>()).add(fault);
    }

    private WebApiFault takeFault(String method) {
        Queue<WebApiFault> queue = faults.get(method);
        return queue == null ? null : queue.poll();
    }

    private synchronized Message current(String key) {
        return currentMessages.get(key);
    }

    private synchronized void remember(Message message, boolean isNew) {
        currentMessages.put(message.channel() + "/" + message.ts(), message);
        if (!isNew) {
            updateCounts.merge(message.ts(), 1, Integer::sum);
        }
        notifyAll();
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
        WebApiFault fault = takeFault(method);
        if (fault != null) {
            fault.send(exchange);
            return;
        }
        String body =
                switch (method) {
                    case "auth.test" -> authTest();
                    case "apps.connections.open" ->
                            "{\"ok\":true,\"url\":\"" + socketModeUrl + "\"}";
                    case "chat.postMessage" -> post(call);
                    case "chat.update" -> update(call);
                    default -> "{\"ok\":false,\"error\":\"unknown_method\"}";
                };
        send(exchange, 200, "application/json; charset=utf-8", body);
    }

    private String authTest() {
        if (rejectBotToken) {
            return "{\"ok\":false,\"error\":\"invalid_auth\"}";
        }
        return "{\"ok\":true,\"url\":\"https://example.slack.com/\",\"team\":\"Example\","
                + "\"user\":\"influxbot\",\"team_id\":\""
                + TEAM_ID
                + "\",\"user_id\":\""
                + BOT_USER_ID
                + "\",\"bot_id\":\"B0001\",\"is_enterprise_install\":false}";
    }

    private String post(Call call) throws IOException {
        Map<String, String> form = SlackClient.parseForm(call.body());
        String channel = form.get("channel");
        if (channel == null || channel.startsWith("D") || channel.equals(CHANNEL_WITHOUT_BOT)) {
            return "{\"ok\":false,\"error\":\"not_in_channel\"}";
        }
        String ts = "1796000000." + String.format("%06d", nextTs.incrementAndGet());
        Message message =
                new Message(
                        channel,
                        ts,
                        form.get("thread_ts"),
                        form.getOrDefault("text", ""),
                        JSON.readTree(form.getOrDefault("blocks", "[]")));
        remember(message, true);
        return "{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"" + ts + "\"}";
    }

    private String update(Call call) throws IOException {
        Map<String, String> form = SlackClient.parseForm(call.body());
        String key = form.get("channel") + "/" + form.get("ts");
        Message current = current(key);
        if (current == null) {
            return "{\"ok\":false,\"error\":\"message_not_found\"}";
        }
        Message updated =
                new Message(
                        current.channel(),
                        current.ts(),
                        current.threadTs(),
                        form.getOrDefault("text", ""),
                        JSON.readTree(form.getOrDefault("blocks", "[]")));
        remember(updated, false);
        return "{\"ok\":true,\"channel\":\""
                + current.channel()
                + "\",\"ts\":\""
                + current.ts()
                + "\"}";
    }

    /** Makes the next {@code times} posts to {@code responseUrl} answer {@code status}. */
    public void failResponseUrl(String responseUrl, int status, int times) {
        String id = responseUrl.substring(responseUrl.lastIndexOf('/') + 1);
        Queue<Integer> statuses =
                responseUrlFaults.computeIfAbsent(id, key -> new ConcurrentLinkedQueue<>());
        for (int i = 0; i < times; i++) {
            statuses.add(status);
        }
    }

    private void responseUrl(HttpExchange exchange) throws IOException {
        Call call = record(exchange);
        String id = call.path().substring(call.path().lastIndexOf('/') + 1);
        Queue<Integer> statuses = responseUrlFaults.get(id);
        Integer status = statuses == null ? null : statuses.poll();
        if (status != null) {
            send(exchange, status, "text/plain", status == 404 ? "no_active_hooks" : "error");
            return;
        }
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

    /**
     * A channel message as the bot posted or last updated it.
     *
     * @param threadTs the thread it replies in, or null
     */
    public record Message(
            String channel, String ts, String threadTs, String text, JsonNode blocks) {
        /** The fallback text and every text of every block. */
        public String allText() {
            return text + "\n" + blocks.toString();
        }

        public SlackMessage asSlackMessage() {
            return SlackMessage.of(JSON.createObjectNode().put("text", text).set("blocks", blocks));
        }
    }

    /** How a Web API method can fail. */
    public record WebApiFault(int status, String error, String retryAfter) {
        /** HTTP 200 with {@code ok: false} and this error, such as {@code ratelimited}. */
        public static WebApiFault error(String error) {
            return new WebApiFault(200, error, null);
        }

        /** HTTP 429 with {@code Retry-After}, as Slack rate-limits. */
        public static WebApiFault rateLimited(int seconds) {
            return new WebApiFault(429, "ratelimited", Integer.toString(seconds));
        }

        /** A 5xx with no useful body. */
        public static WebApiFault serverError(int status) {
            return new WebApiFault(status, "", null);
        }

        void send(HttpExchange exchange) throws IOException {
            if (retryAfter != null) {
                exchange.getResponseHeaders().add("Retry-After", retryAfter);
            }
            String body = error.isEmpty() ? "" : "{\"ok\":false,\"error\":\"" + error + "\"}";
            FakeSlack.send(exchange, status, "application/json; charset=utf-8", body);
        }
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
