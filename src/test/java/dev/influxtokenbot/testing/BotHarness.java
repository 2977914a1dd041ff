package dev.influxtokenbot.testing;

import dev.influxtokenbot.Bot;
import dev.influxtokenbot.config.Settings;
import dev.influxtokenbot.managementapi.ClientOptions;
import dev.influxtokenbot.managementapi.RetryPolicy;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The real bot on a random port, wired to a fake Slack and a fake Management API on 127.0.0.1, with
 * a clock that moves only when the test says and request ids counted from one. Logs of the whole
 * run are captured.
 */
public final class BotHarness implements AutoCloseable {
    /** On the allowlist. */
    public static final String ALICE = "UALICE001";

    /** On the allowlist too. */
    public static final String BOB = "UBOB00002";

    /** Not on the allowlist. */
    public static final String MALLORY = "UMALLORY3";

    public static final Instant START = Instant.parse("2026-12-03T09:00:00Z");

    /** Short, so tests of a hung API finish quickly; retries fast for the same reason. */
    public static final ClientOptions CLIENT_OPTIONS =
            new ClientOptions(
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1),
                    new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(200)));

    public final LogCapture logs;
    public final MutableClock clock;
    public final FakeSlack slack;
    public final FakeManagementApi api;
    public final Bot bot;
    public final SlackClient client;

    private final AtomicBoolean closed = new AtomicBoolean();

    private BotHarness(Consumer<Map<String, String>> customize) throws Exception {
        logs = LogCapture.attach();
        clock = new MutableClock(START);
        slack = new FakeSlack();
        api = new FakeManagementApi(clock);
        Map<String, String> environment = environment(slack, api);
        customize.accept(environment);
        bot =
                Bot.start(
                        Settings.fromEnvironment(environment),
                        clock,
                        countingIds(),
                        CLIENT_OPTIONS);
        client = new SlackClient(URI.create("http://127.0.0.1:" + bot.httpPort()), clock, slack);
    }

    public static BotHarness start() throws Exception {
        return new BotHarness(environment -> {});
    }

    /** Starts the bot with the test environment changed by {@code customize}. */
    public static BotHarness start(Consumer<Map<String, String>> customize) throws Exception {
        return new BotHarness(customize);
    }

    /** A complete HTTP-mode environment pointing at the fakes. */
    public static Map<String, String> environment(FakeSlack slack, FakeManagementApi api) {
        Map<String, String> environment = new HashMap<>();
        environment.put("SLACK_BOT_TOKEN", TestSecrets.BOT_TOKEN);
        environment.put("SLACK_SIGNING_SECRET", TestSecrets.SIGNING_SECRET);
        environment.put("PORT", "0");
        environment.put("SLACK_API_URL", slack.apiUrl().toString());
        environment.put("INFLUX_ACCOUNT_ID", FakeManagementApi.ACCOUNT_ID.toString());
        environment.put("INFLUX_CLUSTER_ID", FakeManagementApi.CLUSTER_ID.toString());
        environment.put("INFLUX_MANAGEMENT_TOKEN", TestSecrets.MANAGEMENT_TOKEN);
        environment.put("INFLUX_MANAGEMENT_API_URL", api.baseUrl().toString());
        environment.put("ALLOWED_USERS", ALICE + ", " + BOB);
        return environment;
    }

    /** Request ids {@code req-1}, {@code req-2}, ... in the order they are issued. */
    public static Supplier<String> countingIds() {
        AtomicInteger next = new AtomicInteger();
        return () -> "req-" + next.incrementAndGet();
    }

    /**
     * Stops the bot, which first finishes the work it queued, then the fakes. What they recorded
     * stays readable, so a test can close the harness to let every answer arrive and then check all
     * of them. A second call does nothing.
     */
    @Override
    public void close() throws Exception {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        api.releaseHangs();
        try {
            bot.close();
        } finally {
            api.close();
            slack.close();
            logs.close();
        }
    }
}
