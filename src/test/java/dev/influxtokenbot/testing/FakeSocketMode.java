package dev.influxtokenbot.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * Slack's side of a Socket Mode connection, on 127.0.0.1: it greets the bot with {@code hello},
 * sends envelopes the way Slack does, and collects the bot's acknowledgements by envelope id.
 */
public final class FakeSocketMode extends WebSocketServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch connected = new CountDownLatch(1);
    private final Map<String, BlockingQueue<JsonNode>> acks = new ConcurrentHashMap<>();
    private final AtomicInteger envelopeIds = new AtomicInteger();
    private volatile WebSocket bot;

    public FakeSocketMode() throws InterruptedException {
        super(new InetSocketAddress("127.0.0.1", 0));
        setReuseAddr(true);
        start();
        if (!started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the WebSocket server did not start");
        }
    }

    /** The URL {@code apps.connections.open} hands out. */
    public String url() {
        return "ws://127.0.0.1:" + getPort() + "/link/?ticket=test";
    }

    public void awaitConnection() throws InterruptedException {
        if (!connected.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the bot did not connect over Socket Mode");
        }
    }

    /** Sends a slash command envelope; returns its envelope id. */
    public String sendSlashCommand(ObjectNode payload) {
        return send("slash_commands", payload);
    }

    /** Sends an interactive (button click) envelope; returns its envelope id. */
    public String sendInteractive(ObjectNode payload) {
        return send("interactive", payload);
    }

    /** The bot's acknowledgement of one envelope. */
    public JsonNode awaitAck(String envelopeId, Duration timeout) throws InterruptedException {
        JsonNode ack = queue(envelopeId).poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (ack == null) {
            throw new AssertionError("no acknowledgement of envelope " + envelopeId);
        }
        return ack;
    }

    @Override
    public void close() throws InterruptedException {
        stop(1000);
    }

    private String send(String type, ObjectNode payload) {
        String envelopeId = "envelope-" + envelopeIds.incrementAndGet();
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("envelope_id", envelopeId);
        envelope.put("type", type);
        envelope.put("accepts_response_payload", true);
        envelope.set("payload", payload);
        bot.send(envelope.toString());
        return envelopeId;
    }

    private BlockingQueue<JsonNode> queue(String envelopeId) {
        return acks.computeIfAbsent(envelopeId, id -> new LinkedBlockingQueue<>());
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void onOpen(WebSocket connection, ClientHandshake handshake) {
        bot = connection;
        connection.send(
                "{\"type\":\"hello\",\"num_connections\":1,"
                        + "\"debug_info\":{\"host\":\"applink-test\",\"build_number\":1,"
                        + "\"approximate_connection_time\":18060},"
                        + "\"connection_info\":{\"app_id\":\"A123456\"}}");
        connected.countDown();
    }

    @Override
    public void onMessage(WebSocket connection, String message) {
        try {
            JsonNode ack = JSON.readTree(message);
            if (ack.hasNonNull("envelope_id")) {
                queue(ack.get("envelope_id").asText()).add(ack);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void onClose(WebSocket connection, int code, String reason, boolean remote) {}

    @Override
    public void onError(WebSocket connection, Exception e) {}
}
