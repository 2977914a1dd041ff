package dev.influxtokenbot.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful stand-in for the InfluxDB Cloud Dedicated Management API's database-token endpoints,
 * on a real HTTP server on 127.0.0.1. It follows the OpenAPI file in the test resources: the same
 * paths under {@code /api/v0}, camelCase fields, 200/204 on success, and the {@code {code,
 * message}} error body with 400, 401, 404 and 500. Tests queue {@link Fault}s to make it misbehave.
 */
public final class FakeManagementApi implements AutoCloseable {
    public static final UUID ACCOUNT_ID = UUID.fromString("11111111-1111-4111-8111-111111111111");
    public static final UUID CLUSTER_ID = UUID.fromString("33333333-3333-4333-8333-333333333333");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UUID_PATTERN = "[^/]+";
    private static final Pattern TOKENS =
            Pattern.compile(
                    "/api/v0/accounts/("
                            + UUID_PATTERN
                            + ")/clusters/("
                            + UUID_PATTERN
                            + ")/tokens(?:/([^/]+))?");
    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Clock clock;
    private final Map<UUID, StoredToken> tokens = new LinkedHashMap<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final Deque<Fault> faults = new ConcurrentLinkedDeque<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private final Map<String, String> extraTokenFields = new LinkedHashMap<>();
    private boolean absentDatesAsNull;
    private final Map<String, Consumer<Recorded>> onArrival = new ConcurrentHashMap<>();

    public FakeManagementApi(Clock clock) throws IOException {
        this.clock = clock;
        this.server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** The base URL to give the bot, like {@code https://console.influxdata.com/api/v0}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v0");
    }

    // ---- state ----

    /** Adds an active token with read and write permissions on the named databases. */
    public synchronized UUID addToken(String description, Instant createdAt, Permission... perms) {
        UUID id = UUID.randomUUID();
        tokens.put(id, new StoredToken(id, description, List.of(perms), createdAt, null, null));
        return id;
    }

    public synchronized void putToken(StoredToken token) {
        tokens.put(token.id(), token);
    }

    public synchronized Optional<StoredToken> token(UUID id) {
        return Optional.ofNullable(tokens.get(id));
    }

    public synchronized void revokeNow(UUID id) {
        tokens.computeIfPresent(id, (key, token) -> token.revokedAt(clock.instant()));
    }

    // ---- how tokens are written ----

    /**
     * Writes {@code expiresAt} and {@code revokedAt} as explicit {@code null}s when they are not
     * set, instead of leaving them out. The spec types them as strings, so this is off the spec on
     * purpose: it shows the bot copes should the real API write nulls anyway.
     */
    public synchronized void writeAbsentDatesAsNull() {
        absentDatesAsNull = true;
    }

    /**
     * Adds a field the bot does not know to every token the fake returns, as a newer API might.
     *
     * @param json the field's value as JSON text, such as {@code "\"abc\""} or {@code {"a":1}}
     */
    public synchronized void addFieldToTokens(String name, String json) {
        extraTokenFields.put(name, json);
    }

    // ---- faults ----

    /** Makes the next request whose method is {@code method} misbehave as {@code fault} says. */
    public void failNext(String method, Fault fault) {
        faults.add(fault.forMethod(method));
    }

    /** Makes the next {@code times} requests of {@code method} misbehave the same way. */
    public void failNext(String method, Fault fault, int times) {
        for (int i = 0; i < times; i++) {
            failNext(method, fault);
        }
    }

    /**
     * Runs {@code look} on each request of {@code method} as it arrives, before the fake answers,
     * so a test can see what the bot had done by the time it sent the request. {@code look} should
     * only record what it sees: what it throws breaks the request.
     */
    public void onArrival(String method, Consumer<Recorded> look) {
        onArrival.put(method, look);
    }

    /** Ends every {@link Fault#hang()} early; tests call it before closing. */
    public void releaseHangs() {
        released.countDown();
    }

    // ---- what was asked ----

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    public List<Recorded> requests(String method) {
        return requests.stream().filter(r -> r.method().equals(method)).toList();
    }

    /**
     * Waits until {@code count} requests of {@code method} have arrived, such as one the fake is
     * now holding with {@link Fault#hang()}.
     *
     * @throws AssertionError when they have not arrived within {@code timeout}
     */
    public List<Recorded> awaitRequests(String method, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (requests) {
            while (requests(method).size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(
                            count + " " + method + " requests did not arrive in " + timeout);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(requests, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
            return requests(method);
        }
    }

    @Override
    public void close() {
        releaseHangs();
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- serving ----

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Recorded recorded = record(exchange);
            onArrival.getOrDefault(recorded.method(), request -> {}).accept(recorded);
            Optional<Fault> fault = takeFault(recorded.method());
            if (fault.isPresent() && fault.get().beforeHandling(this, exchange)) {
                return;
            }
            Answer answer = answer(recorded);
            if (fault.isPresent()) {
                answer = fault.get().afterHandling(this, answer);
            }
            if (answer != null) {
                send(exchange, answer);
            }
        }
    }

    private Recorded record(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders()
                .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
        Recorded recorded =
                new Recorded(
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().getRawPath(),
                        exchange.getRequestURI().getRawQuery(),
                        headers,
                        new String(
                                exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        synchronized (requests) {
            requests.add(recorded);
            requests.notifyAll();
        }
        return recorded;
    }

    private Optional<Fault> takeFault(String method) {
        for (Fault fault : faults) {
            if (fault.method().equals(method) && faults.remove(fault)) {
                return Optional.of(fault);
            }
        }
        return Optional.empty();
    }

    private Answer answer(Recorded request) {
        if (!("Bearer " + TestSecrets.MANAGEMENT_TOKEN).equals(request.header("authorization"))) {
            return Answer.error(401, "unauthorized");
        }
        Matcher path = TOKENS.matcher(request.path());
        if (!path.matches()) {
            return Answer.error(404, "not found");
        }
        if (!isUuid(path.group(1))
                || !isUuid(path.group(2))
                || (path.group(3) != null && !isUuid(path.group(3)))) {
            return Answer.error(400, "bad request");
        }
        if (!path.group(1).equals(ACCOUNT_ID.toString())
                || !path.group(2).equals(CLUSTER_ID.toString())) {
            return Answer.error(404, "not found");
        }
        return path.group(3) == null
                ? collection(request)
                : single(request, UUID.fromString(path.group(3)));
    }

    private synchronized Answer collection(Recorded request) {
        if (!request.method().equals("GET")) {
            return Answer.error(400, "bad request");
        }
        ArrayNode list = JSON.createArrayNode();
        tokens.values().forEach(token -> list.add(json(token)));
        return new Answer(200, list.toString(), Map.of());
    }

    private synchronized Answer single(Recorded request, UUID id) {
        StoredToken token = tokens.get(id);
        if (token == null) {
            return Answer.error(404, "not found");
        }
        return switch (request.method()) {
            case "GET" -> new Answer(200, json(token).toString(), Map.of());
            case "DELETE" -> revoke(token);
            default -> Answer.error(400, "bad request");
        };
    }

    private Answer revoke(StoredToken token) {
        if (token.revokedAt() == null) {
            tokens.put(token.id(), token.revokedAt(clock.instant()));
        }
        return new Answer(204, "", Map.of());
    }

    private static boolean isUuid(String text) {
        return CANONICAL_UUID.matcher(text).matches();
    }

    private ObjectNode json(StoredToken token) {
        ObjectNode node = JSON.createObjectNode();
        node.put("accountId", ACCOUNT_ID.toString());
        node.put("clusterId", CLUSTER_ID.toString());
        node.put("id", token.id().toString());
        node.put("description", token.description());
        ArrayNode permissions = node.putArray("permissions");
        token.permissions()
                .forEach(
                        permission ->
                                permissions
                                        .addObject()
                                        .put("action", permission.action())
                                        .put("resource", permission.resource()));
        node.put("createdAt", token.createdAt().toString());
        putDate(node, "expiresAt", token.expiresAt());
        putDate(node, "revokedAt", token.revokedAt());
        extraTokenFields.forEach((name, json) -> node.set(name, parse(json)));
        return node;
    }

    private void putDate(ObjectNode node, String name, Instant date) {
        if (date != null) {
            node.put(name, date.toString());
        } else if (absentDatesAsNull) {
            node.putNull(name);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        if (answer.status() == 204) {
            exchange.sendResponseHeaders(204, -1);
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), body.length);
        exchange.getResponseBody().write(body);
    }

    // ---- types ----

    /** A permission as the API writes it. */
    public record Permission(String action, String resource) {
        public static Permission read(String database) {
            return new Permission("read", database);
        }

        public static Permission write(String database) {
            return new Permission("write", database);
        }
    }

    /** A database token as the fake keeps it. */
    public record StoredToken(
            UUID id,
            String description,
            List<Permission> permissions,
            Instant createdAt,
            Instant expiresAt,
            Instant revokedAt) {
        public StoredToken revokedAt(Instant when) {
            return new StoredToken(id, description, permissions, createdAt, expiresAt, when);
        }
    }

    /** One request as it arrived; header names in lower case. */
    public record Recorded(
            String method,
            String path,
            String query,
            Map<String, List<String>> headers,
            String body) {
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    record Answer(int status, String body, Map<String, String> headers) {
        static Answer error(int status, String message) {
            ObjectNode body = JSON.createObjectNode().put("code", status).put("message", message);
            return new Answer(status, body.toString(), Map.of());
        }
    }

    /**
     * A way for the fake to misbehave on one request. Some replace the answer (the request does
     * nothing); others let the request take effect and then spoil its answer, as when a revoke
     * happened but its answer was lost.
     */
    public static final class Fault {
        private final String method;
        private final Kind kind;
        private final int status;
        private final String body;
        private final Map<String, String> headers;
        private final Duration delay;

        private enum Kind {
            REPLACE,
            HANG,
            RESET,
            TAKE_EFFECT_THEN_REPLACE,
            TAKE_EFFECT_THEN_HANG,
            ANSWER_WITHOUT_EFFECT,
            SLOW,
            ECHO_CREDENTIALS
        }

        private Fault(
                String method,
                Kind kind,
                int status,
                String body,
                Map<String, String> headers,
                Duration delay) {
            this.method = method;
            this.kind = kind;
            this.status = status;
            this.body = body;
            this.headers = headers;
            this.delay = delay;
        }

        /** Answers with this status and the API's {@code {code, message}} error body. */
        public static Fault status(int status) {
            return new Fault("", Kind.REPLACE, status, errorBody(status), Map.of(), null);
        }

        /** Answers with this status, error body and {@code Retry-After}. */
        public static Fault status(int status, String retryAfter) {
            return new Fault(
                    "",
                    Kind.REPLACE,
                    status,
                    errorBody(status),
                    Map.of("Retry-After", retryAfter),
                    null);
        }

        /**
         * Answers with this status and an error message that repeats the request's {@code
         * Authorization} header, as careless APIs do.
         */
        public static Fault statusEchoingCredentials(int status) {
            return new Fault("", Kind.ECHO_CREDENTIALS, status, "", Map.of(), null);
        }

        /** Answers with this status and body as given, such as a 200 that is not JSON. */
        public static Fault body(int status, String body) {
            return new Fault("", Kind.REPLACE, status, body, Map.of(), null);
        }

        /** Never answers (until the test releases it); the request has no effect. */
        public static Fault hang() {
            return new Fault("", Kind.HANG, 0, "", Map.of(), Duration.ofMinutes(5));
        }

        /** Answers as usual, but only after {@code delay}: a slow API. */
        public static Fault slow(Duration delay) {
            return new Fault("", Kind.SLOW, 0, "", Map.of(), delay);
        }

        /** Closes the connection without an answer; the request has no effect. */
        public static Fault reset() {
            return new Fault("", Kind.RESET, 0, "", Map.of(), null);
        }

        /** The request takes effect, but the answer is this status: a lost answer. */
        public static Fault takeEffectThenStatus(int status) {
            return new Fault(
                    "", Kind.TAKE_EFFECT_THEN_REPLACE, status, errorBody(status), Map.of(), null);
        }

        /** The request takes effect, but no answer comes in time. */
        public static Fault takeEffectThenHang() {
            return new Fault(
                    "", Kind.TAKE_EFFECT_THEN_HANG, 0, "", Map.of(), Duration.ofMinutes(5));
        }

        /** Answers 204 to a DELETE without revoking anything. */
        public static Fault succeedWithoutEffect() {
            return new Fault("", Kind.ANSWER_WITHOUT_EFFECT, 204, "", Map.of(), null);
        }

        String method() {
            return method;
        }

        Fault forMethod(String method) {
            return new Fault(Objects.requireNonNull(method), kind, status, body, headers, delay);
        }

        /** Returns true when the fault answered (or refused to answer) in place of the fake. */
        boolean beforeHandling(FakeManagementApi api, HttpExchange exchange) throws IOException {
            switch (kind) {
                case REPLACE, ANSWER_WITHOUT_EFFECT -> {
                    send(exchange, new Answer(status, body, headers));
                    return true;
                }
                case HANG -> {
                    api.awaitRelease(delay);
                    return true;
                }
                case ECHO_CREDENTIALS -> {
                    String credentials = exchange.getRequestHeaders().getFirst("Authorization");
                    send(exchange, Answer.error(status, "bad credentials: " + credentials));
                    return true;
                }
                case RESET -> {
                    return true;
                }
                case SLOW -> {
                    api.awaitRelease(delay);
                    return false;
                }
                default -> {
                    return false;
                }
            }
        }

        /** The answer to send after the request took effect, or null to send none. */
        Answer afterHandling(FakeManagementApi api, Answer answer) {
            if (kind == Kind.TAKE_EFFECT_THEN_HANG) {
                api.awaitRelease(delay);
                return null;
            }
            return kind == Kind.TAKE_EFFECT_THEN_REPLACE
                    ? new Answer(status, body, headers)
                    : answer;
        }

        private static String errorBody(int status) {
            return Answer.error(status, "injected " + status).body();
        }
    }

    void awaitRelease(Duration atMost) {
        try {
            released.await(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
