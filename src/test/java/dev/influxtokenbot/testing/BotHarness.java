package dev.influxtokenbot.testing;

import dev.influxtokenbot.Bot;
import dev.influxtokenbot.config.Settings;
import dev.influxtokenbot.managementapi.ClientOptions;
import dev.influxtokenbot.managementapi.RetryPolicy;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The real bot on a random port, wired to a fake Slack and a fake Management API on 127.0.0.1 and
 * to an embedded store in a fresh folder, with a clock that moves only when the test says and
 * request ids counted from one. Logs of the whole run are captured.
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

    /** Housekeeping runs often, so tests that move the clock see its effect soon. */
    public static final Bot.Tuning TUNING = new Bot.Tuning(CLIENT_OPTIONS, Duration.ofMillis(100));

    public final LogCapture logs;
    public final MutableClock clock;
    public final FakeSlack slack;
    public final FakeManagementApi api;
    public final Path dataDirectory;
    public Bot bot;
    public SlackClient client;

    private final Map<String, String> environment;
    private final Supplier<String> requestIds = countingIds();

    private final AtomicBoolean closed = new AtomicBoolean();

    private BotHarness(Consumer<Map<String, String>> customize) throws Exception {
        logs = LogCapture.attach();
        clock = new MutableClock(START);
        slack = new FakeSlack();
        api = new FakeManagementApi(clock);
        dataDirectory = Files.createTempDirectory("influx-token-bot-test");
        environment = environment(slack, api);
        environment.put("DATA_DIR", dataDirectory.toString());
        customize.accept(environment);
        startBot();
    }

    public static BotHarness start() throws Exception {
        return new BotHarness(environment -> {});
    }

    /** Starts the bot with the test environment changed by {@code customize}. */
    public static BotHarness start(Consumer<Map<String, String>> customize) throws Exception {
        return new BotHarness(customize);
    }

    /** Stops the bot as a deploy would, and starts a new one on the same store and fakes. */
    public void restart() throws Exception {
        bot.close();
        startBot();
    }

    /**
     * A second bot on the same environment, fakes and store, as a second instance of a deployment
     * runs; the caller closes it. Only PostgreSQL is meant to be shared this way.
     */
    public Instance startAnotherInstance() throws Exception {
        Bot other = Bot.start(Settings.fromEnvironment(environment), clock, requestIds, TUNING);
        return new Instance(
                other,
                new SlackClient(URI.create("http://127.0.0.1:" + other.httpPort()), clock, slack));
    }

    /** Another running instance of the bot and a client that speaks to it. */
    public record Instance(Bot bot, SlackClient client) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            bot.close();
        }
    }

    private void startBot() throws Exception {
        bot = Bot.start(Settings.fromEnvironment(environment), clock, requestIds, TUNING);
        client = new SlackClient(URI.create("http://127.0.0.1:" + bot.httpPort()), clock, slack);
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
            deleteRecursively(dataDirectory);
        }
    }

    public static void deleteRecursively(Path directory) throws IOException {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
