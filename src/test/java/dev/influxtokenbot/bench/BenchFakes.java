package dev.influxtokenbot.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.influxtokenbot.testing.FakeManagementApi;
import dev.influxtokenbot.testing.FakeSlack;
import dev.influxtokenbot.testing.TestSecrets;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark's fake Slack and fake Management API, in a process of their own. They speak the
 * same protocol as {@link FakeSlack} and {@link FakeManagementApi} but keep almost nothing, so a
 * long load does not fill their memory, and they add {@code /bench/} endpoints for the clients: the
 * messages posted to {@code keep_*} response URLs, how many posts each response URL prefix got, and
 * the time each DELETE arrived.
 *
 * <p>Usage: {@code BenchFakes FREE_PORTS}. Prints {@code NAME=value} lines (the URLs, and
 * FREE_PORTS ports that were free a moment ago for the apps under test), then {@code ready}, and
 * serves until the process is stopped.
 */
public final class BenchFakes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TOKENS =
            Pattern.compile(
                    "/api/v0/accounts/"
                            + FakeManagementApi.ACCOUNT_ID
                            + "/clusters/"
                            + FakeManagementApi.CLUSTER_ID
                            + "/tokens(?:/([0-9a-f-]{36}))?");
    private static final Instant CREATED = Instant.parse("2026-11-01T08:00:00Z");

    private final Map<String, LongAdder> postsByPrefix = new ConcurrentHashMap<>();
    private final Map<String, String> keptMessages = new ConcurrentHashMap<>();
    private final Map<UUID, Instant> revokedAt = new LinkedHashMap<>();
    private final List<String> deletes = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        // Answer headers and body in one segment, so no delayed ACK slows the bot's calls.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int freePorts = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        BenchFakes fakes = new BenchFakes();
        HttpServer slack = fakes.slack();
        HttpServer management = fakes.management();

        String slackBase = "http://127.0.0.1:" + slack.getAddress().getPort();
        System.out.println("FAKE_SLACK_URL=" + slackBase);
        System.out.println("SLACK_API_URL=" + slackBase + "/api/");
        System.out.println(
                "INFLUX_MANAGEMENT_API_URL=http://127.0.0.1:"
                        + management.getAddress().getPort()
                        + "/api/v0");
        System.out.println("FREE_PORTS=\"" + freePorts(freePorts) + "\"");
        System.out.println("ready");
        System.out.flush();
        new CountDownLatch(1).await();
    }

    private BenchFakes() {
        BenchTokens.IDS.forEach(id -> revokedAt.put(id, null));
    }

    private HttpServer slack() throws IOException {
        HttpServer server = server();
        server.createContext("/api/", this::webApi);
        server.createContext("/response/", this::responseUrl);
        server.createContext("/bench/count/", this::count);
        server.createContext("/bench/message/", this::message);
        server.start();
        return server;
    }

    private HttpServer management() throws IOException {
        HttpServer server = server();
        server.createContext("/api/v0/", this::managementApi);
        server.createContext("/bench/deletes", this::deletes);
        server.createContext("/bench/reactivate", this::reactivate);
        server.start();
        return server;
    }

    private static HttpServer server() throws IOException {
        HttpServer server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        return server;
    }

    private static String freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 0, InetAddress.getLoopbackAddress()));
            }
            return String.join(
                    " ",
                    sockets.stream()
                            .map(socket -> Integer.toString(socket.getLocalPort()))
                            .toList());
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    // ---- fake Slack ----

    private static final String AUTH_TEST =
            "{\"ok\":true,\"url\":\"https://example.slack.com/\",\"team\":\"Example\","
                    + "\"user\":\"influxbot\",\"team_id\":\""
                    + FakeSlack.TEAM_ID
                    + "\",\"user_id\":\""
                    + FakeSlack.BOT_USER_ID
                    + "\",\"bot_id\":\"B0001\",\"is_enterprise_install\":false}";

    private void webApi(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String method = exchange.getRequestURI().getPath().substring("/api/".length());
        String body =
                method.equals("auth.test")
                        ? AUTH_TEST
                        : "{\"ok\":false,\"error\":\"unknown_method\"}";
        send(exchange, 200, "application/json; charset=utf-8", body);
    }

    /** {@code /response/<prefix>-<n>}: counted by prefix; kept when the id starts "keep_". */
    private void responseUrl(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String id = lastSegment(exchange);
        if (id.startsWith("keep_")) {
            keptMessages.put(id, body);
        }
        postsByPrefix.computeIfAbsent(prefix(id), key -> new LongAdder()).increment();
        send(exchange, 200, "text/plain", "ok");
    }

    private void count(HttpExchange exchange) throws IOException {
        LongAdder posts = postsByPrefix.get(lastSegment(exchange));
        send(exchange, 200, "text/plain", Long.toString(posts == null ? 0 : posts.sum()));
    }

    private void message(HttpExchange exchange) throws IOException {
        String body = keptMessages.remove(lastSegment(exchange));
        if (body == null) {
            send(exchange, 404, "text/plain", "not yet");
        } else {
            send(exchange, 200, "application/json", body);
        }
    }

    private static String prefix(String id) {
        int dash = id.lastIndexOf('-');
        return dash < 0 ? id : id.substring(0, dash);
    }

    private static String lastSegment(HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    // ---- fake Management API ----

    private void managementApi(HttpExchange exchange) throws IOException {
        Instant arrived = Instant.now();
        exchange.getRequestBody().readAllBytes();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (!("Bearer " + TestSecrets.MANAGEMENT_TOKEN).equals(authorization)) {
            send(exchange, 401, "application/json", "{\"code\":401,\"message\":\"unauthorized\"}");
            return;
        }
        Matcher path = TOKENS.matcher(exchange.getRequestURI().getRawPath());
        String method = exchange.getRequestMethod();
        if (!path.matches()) {
            send(exchange, 404, "application/json", "{\"code\":404,\"message\":\"not found\"}");
        } else if (path.group(1) == null && method.equals("GET")) {
            send(exchange, 200, "application/json", list());
        } else if (path.group(1) != null && method.equals("GET")) {
            single(exchange, UUID.fromString(path.group(1)));
        } else if (path.group(1) != null && method.equals("DELETE")) {
            revoke(exchange, UUID.fromString(path.group(1)), arrived);
        } else {
            send(exchange, 400, "application/json", "{\"code\":400,\"message\":\"bad request\"}");
        }
    }

    private synchronized String list() {
        ArrayNode list = JSON.createArrayNode();
        revokedAt.keySet().forEach(id -> list.add(token(id)));
        return list.toString();
    }

    private void single(HttpExchange exchange, UUID id) throws IOException {
        String body;
        synchronized (this) {
            body = revokedAt.containsKey(id) ? token(id).toString() : null;
        }
        if (body == null) {
            send(exchange, 404, "application/json", "{\"code\":404,\"message\":\"not found\"}");
        } else {
            send(exchange, 200, "application/json", body);
        }
    }

    private void revoke(HttpExchange exchange, UUID id, Instant arrived) throws IOException {
        boolean known;
        synchronized (this) {
            known = revokedAt.containsKey(id);
            if (known) {
                if (revokedAt.get(id) == null) {
                    revokedAt.put(id, arrived);
                }
                deletes.add(id + " " + ChronoUnit.MICROS.between(Instant.EPOCH, arrived));
            }
        }
        if (!known) {
            send(exchange, 404, "application/json", "{\"code\":404,\"message\":\"not found\"}");
            return;
        }
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    /** A token as the API writes it: camelCase fields, revokedAt only once revoked. */
    private ObjectNode token(UUID id) {
        int number = BenchTokens.IDS.indexOf(id) + 1;
        ObjectNode node = JSON.createObjectNode();
        node.put("accountId", FakeManagementApi.ACCOUNT_ID.toString());
        node.put("clusterId", FakeManagementApi.CLUSTER_ID.toString());
        node.put("id", id.toString());
        node.put("description", "bench writer " + number);
        ArrayNode permissions = node.putArray("permissions");
        permissions.addObject().put("action", "read").put("resource", "metrics-" + number);
        permissions.addObject().put("action", "write").put("resource", "metrics-" + number);
        node.put("createdAt", CREATED.plus(number, ChronoUnit.HOURS).toString());
        Instant revoked = revokedAt.get(id);
        if (revoked != null) {
            node.put("revokedAt", revoked.toString());
        }
        return node;
    }

    /** One line per DELETE since the last reactivation: {@code <tokenId> <epoch microseconds>}. */
    private void deletes(HttpExchange exchange) throws IOException {
        String lines;
        synchronized (this) {
            lines = String.join("\n", deletes);
        }
        send(exchange, 200, "text/plain", lines);
    }

    /** Makes every token active again and forgets the DELETEs, for the next round of clicks. */
    private void reactivate(HttpExchange exchange) throws IOException {
        synchronized (this) {
            revokedAt.replaceAll((id, when) -> null);
            deletes.clear();
        }
        send(exchange, 200, "text/plain", "ok");
    }

    private static void send(HttpExchange exchange, int status, String type, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
