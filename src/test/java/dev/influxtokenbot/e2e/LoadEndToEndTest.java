package dev.influxtokenbot.e2e;

import static dev.influxtokenbot.testing.BotHarness.ALICE;
import static dev.influxtokenbot.testing.BotHarness.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.influxtokenbot.testing.BotHarness;
import dev.influxtokenbot.testing.FakeManagementApi;
import dev.influxtokenbot.testing.SlackClient;
import dev.influxtokenbot.testing.SlackMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Many requests at once, over HTTP. The bounds are Slack's own, not tight timings: every request is
 * acknowledged within Slack's 3 seconds, every command whose answer comes later gets exactly one,
 * and a confirmation clicked many times at once revokes once.
 */
class LoadEndToEndTest {
    /** Slack shows the user an error when the acknowledgement takes longer. */
    private static final Duration SLACK_ACK_LIMIT = Duration.ofSeconds(3);

    private static final int COMMANDS = 500;
    private static final int CLIENT_THREADS = 32;
    private static final int CLICKS = 50;
    private static final int TOKENS = 20;

    private BotHarness harness;
    private final List<UUID> tokenIds = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        harness = BotHarness.start();
        for (int i = 0; i < TOKENS; i++) {
            tokenIds.add(
                    harness.api.addToken(
                            "Telegraf " + i,
                            BotHarness.START.minus(Duration.ofDays(i)),
                            FakeManagementApi.Permission.read("db" + i)));
        }
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void commands_fiveHundredFrom32Threads_allAcknowledgedInTimeAndAnsweredOnce() throws Exception {
        List<Callable<Timed>> commands = new ArrayList<>();
        for (int i = 0; i < COMMANDS; i++) {
            String user = i % 2 == 0 ? ALICE : BOB;
            String text = text(i);
            commands.add(() -> timed(text, () -> harness.client.command(user, text)));
        }

        List<Timed> results = runAtOnce(commands, CLIENT_THREADS);
        harness.close();

        assertThat(results).hasSize(COMMANDS);
        assertThat(results)
                .allSatisfy(result -> assertThat(result.status()).isEqualTo(200))
                .noneMatch(result -> result.sent().response().body().contains("busy"));
        assertThat(slowest(results)).isLessThan(SLACK_ACK_LIMIT);
        assertThat(results)
                .allSatisfy(
                        result ->
                                assertThat(answers(result))
                                        .as("answers to %s", result.text())
                                        .hasSize(result.text().equals("help") ? 0 : 1));
        assertThat(results)
                .filteredOn(result -> result.text().startsWith("revoke"))
                .allSatisfy(
                        result ->
                                assertThat(SlackMessage.of(answers(result).get(0)).buttons())
                                        .extracting(SlackMessage.Button::actionId)
                                        .contains("revoke_confirm"));
        assertThat(harness.logs.lines()).noneMatch(line -> line.contains("outcome=busy"));
        assertThat(harness.api.requests("DELETE")).isEmpty();
    }

    @Test
    void confirm_fiftyClicksAtOnce_sendExactlyOneDeleteAndAnswerEachClick() throws Exception {
        SlackClient.Sent command = harness.client.command(ALICE, "revoke " + tokenIds.get(0));
        harness.slack.awaitResponse(command.responseUrl());
        List<Callable<Timed>> clicks = new ArrayList<>();
        for (int i = 0; i < CLICKS; i++) {
            clicks.add(
                    () ->
                            timed(
                                    "confirm",
                                    () -> harness.client.click(ALICE, "revoke_confirm", "req-1")));
        }

        List<Timed> results = runAtOnce(clicks, CLICKS);
        harness.close();

        assertThat(results).allSatisfy(result -> assertThat(result.status()).isEqualTo(200));
        assertThat(slowest(results)).isLessThan(SLACK_ACK_LIMIT);
        assertThat(results).allSatisfy(result -> assertThat(answers(result)).hasSize(1));
        List<String> outcomes =
                results.stream()
                        .map(result -> SlackMessage.of(answers(result).get(0)).text())
                        .toList();
        assertThat(harness.api.requests("DELETE")).hasSize(1);
        assertThat(outcomes).filteredOn(text -> text.contains("revoked database token")).hasSize(1);
        assertThat(outcomes)
                .filteredOn(text -> text.contains("already handled"))
                .hasSize(CLICKS - 1);
    }

    /**
     * One command of each kind, one after another, so that the burst measures a running bot rather
     * than the loading of its classes.
     */
    private void warmUp() {
        for (int i = 0; i < 3; i++) {
            SlackClient.Sent sent = harness.client.command(ALICE, text(i));
            if (!text(i).equals("help")) {
                harness.slack.awaitResponse(sent.responseUrl());
            }
        }
    }

    /** A third each of help (answered at once), list and revoke (answered later). */
    private String text(int i) {
        return switch (i % 3) {
            case 0 -> "help";
            case 1 -> "list";
            default -> "revoke " + tokenIds.get(i % TOKENS);
        };
    }

    /** Starts every task at the same moment on {@code threads} threads and waits for all. */
    private static List<Timed> runAtOnce(List<Callable<Timed>> tasks, int threads)
            throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Timed>> futures = new ArrayList<>();
        for (Callable<Timed> task : tasks) {
            futures.add(
                    clients.submit(
                            () -> {
                                go.await();
                                return task.call();
                            }));
        }
        go.countDown();
        List<Timed> results = new ArrayList<>();
        try {
            for (Future<Timed> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
        } finally {
            clients.shutdownNow();
        }
        return results;
    }

    private static Timed timed(String text, Supplier<SlackClient.Sent> request) {
        long start = System.nanoTime();
        SlackClient.Sent sent = request.get();
        return new Timed(text, sent, Duration.ofNanos(System.nanoTime() - start));
    }

    private static Duration slowest(List<Timed> results) {
        return results.stream().map(Timed::roundTrip).max(Comparator.naturalOrder()).orElseThrow();
    }

    private List<JsonNode> answers(Timed result) {
        return harness.slack.pendingResponses(result.sent().responseUrl());
    }

    /** A request, its acknowledgement, and how long the acknowledgement took to come back. */
    private record Timed(String text, SlackClient.Sent sent, Duration roundTrip) {
        int status() {
            return sent.response().statusCode();
        }
    }
}
