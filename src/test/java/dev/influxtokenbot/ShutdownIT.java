package dev.influxtokenbot;

import static dev.influxtokenbot.testing.BotHarness.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.influxtokenbot.testing.BotHarness;
import dev.influxtokenbot.testing.FakeManagementApi;
import dev.influxtokenbot.testing.FakeSlack;
import dev.influxtokenbot.testing.SlackClient;
import dev.influxtokenbot.testing.SlackMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar as a process, stopped as Heroku and Cloud Foundry stop it: with SIGTERM while a
 * revoke is in flight. It must stop taking requests, finish the revoke, record and report it, and
 * exit within 25 seconds.
 */
class ShutdownIT {
    private static final Pattern STARTED = Pattern.compile("Started mode=http port=(\\d+)");

    private final List<String> output = new CopyOnWriteArrayList<>();
    private final CountDownLatch started = new CountDownLatch(1);
    private FakeSlack slack;
    private FakeManagementApi api;
    private Path dataDirectory;
    private Process bot;
    private int port;

    @BeforeEach
    void startTheJar() throws Exception {
        slack = new FakeSlack();
        api = new FakeManagementApi(Clock.systemUTC());
        dataDirectory = Files.createTempDirectory("influx-token-bot-it");
        Map<String, String> environment = BotHarness.environment(slack, api);
        environment.put("DATA_DIR", dataDirectory.toString());

        ProcessBuilder builder =
                new ProcessBuilder("java", "-Xmx128m", "-jar", "target/influx-token-bot.jar")
                        .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().put("PATH", System.getenv("PATH"));
        bot = builder.start();
        readOutput();
        assertThat(started.await(30, TimeUnit.SECONDS)).as("the bot started: " + output).isTrue();
    }

    @AfterEach
    void stop() throws Exception {
        if (bot.isAlive()) {
            bot.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        api.close();
        slack.close();
        BotHarness.deleteRecursively(dataDirectory);
    }

    @Test
    void sigterm_duringARevoke_finishesAndReportsItStopsTakingRequestsAndExitsWithin25s()
            throws Exception {
        UUID tokenId = api.addToken("Telegraf", BotHarness.START);
        SlackClient client =
                new SlackClient(URI.create("http://127.0.0.1:" + port), Clock.systemUTC(), slack);
        SlackClient.Sent sent = client.command(ALICE, "revoke " + tokenId);
        String requestId =
                SlackMessage.of(slack.awaitResponse(sent.responseUrl())).buttons().get(0).value();
        api.failNext("DELETE", FakeManagementApi.Fault.slow(Duration.ofSeconds(3)));

        SlackClient.Sent confirm = client.click(ALICE, "revoke_confirm", requestId);
        api.awaitRequests("DELETE", 1, Duration.ofSeconds(10));
        long sigterm = System.nanoTime();
        bot.toHandle()
                .destroy(); // SIGTERM; Process.destroy() would also close our end of its output
        awaitOutput("Stopping: finishing work already started");
        Integer lateStatus = statusOfALateCommand(client);
        boolean exited = bot.waitFor(25, TimeUnit.SECONDS);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - sigterm);
        SlackMessage outcome = SlackMessage.of(slack.awaitResponse(confirm.responseUrl()));

        assertThat(lateStatus).as("a command after SIGTERM is not taken").isNotEqualTo(200);
        assertThat(exited).as("exited within 25 s").isTrue();
        assertThat(seconds).isLessThan(25);
        assertThat(outcome.text()).contains("revoked database token `" + tokenId + "`");
        assertThat(api.requests("DELETE")).hasSize(1);
        assertThat(api.token(tokenId).orElseThrow().revokedAt()).isNotNull();
        assertThat(String.join("\n", output)).contains("event=revoked").contains("Stopped");
    }

    /** The status of a command sent while the bot stops, or null when no connection was taken. */
    private static Integer statusOfALateCommand(SlackClient client) {
        try {
            return client.command(ALICE, "help").response().statusCode();
        } catch (UncheckedIOException e) {
            return null;
        }
    }

    private void awaitOutput(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        synchronized (output) {
            while (output.stream().noneMatch(line -> line.contains(text))) {
                long left = deadline - System.nanoTime();
                assertThat(left)
                        .as("the bot printed " + text + ":\n" + String.join("\n", output))
                        .isPositive();
                TimeUnit.NANOSECONDS.timedWait(output, left);
            }
        }
    }

    private void readOutput() {
        Thread reader =
                new Thread(
                        () -> {
                            try (BufferedReader lines =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    bot.getInputStream(),
                                                    StandardCharsets.UTF_8))) {
                                for (String line; (line = lines.readLine()) != null; ) {
                                    synchronized (output) {
                                        output.add(line);
                                        output.notifyAll();
                                    }
                                    Matcher matcher = STARTED.matcher(line);
                                    if (matcher.find()) {
                                        port = Integer.parseInt(matcher.group(1));
                                        started.countDown();
                                    }
                                }
                            } catch (IOException e) {
                                output.add("(output ended: " + e.getMessage() + ")");
                            }
                        },
                        "bot-output");
        reader.setDaemon(true);
        reader.start();
    }
}
