package dev.influxtokenbot;

import dev.influxtokenbot.config.Settings;
import dev.influxtokenbot.managementapi.ClientOptions;
import dev.influxtokenbot.managementapi.ManagementApiClient;
import dev.influxtokenbot.revocation.Allowlist;
import dev.influxtokenbot.revocation.InMemoryRevocationRequests;
import dev.influxtokenbot.revocation.RevocationService;
import dev.influxtokenbot.slack.SlackBot;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running bot: the parts built from {@link Settings}, serving Slack until it is closed. */
public final class Bot implements AutoCloseable {
    static final Duration CONFIRMATION_TTL = Duration.ofMinutes(10);
    static final int WORKER_THREADS = 8;
    static final int WORK_QUEUE_CAPACITY = 500;

    private static final Logger log = LoggerFactory.getLogger(Bot.class);

    private final SlackBot slack;
    private final int httpPort;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private Bot(SlackBot slack, int httpPort) {
        this.slack = slack;
        this.httpPort = httpPort;
    }

    /**
     * Builds the parts and starts serving: HTTP when the settings hold a signing secret, Socket
     * Mode when they hold an app token.
     *
     * @param clock the time for expiry and signature checks
     * @param requestIds where new request ids come from
     * @param clientOptions timeouts and retries of the Management API client
     */
    public static Bot start(
            Settings settings,
            Clock clock,
            Supplier<String> requestIds,
            ClientOptions clientOptions)
            throws Exception {
        warnAboutEmptyAllowlist(settings);
        RevocationService service = revocationService(settings, clock, requestIds, clientOptions);
        SlackBot slack = SlackBot.create(slackOptions(settings, clock), service);

        int port = -1;
        if (settings.transport() instanceof Settings.Http http) {
            port = slack.serveHttp(http.port(), http.signingSecret().reveal());
            log.info("Started mode=http port={} clusterId={}", port, settings.clusterId());
        } else if (settings.transport() instanceof Settings.SocketMode socketMode) {
            slack.connectSocketMode(socketMode.appToken().reveal());
            log.info("Started mode=socket clusterId={}", settings.clusterId());
        }
        return new Bot(slack, port);
    }

    private static RevocationService revocationService(
            Settings settings,
            Clock clock,
            Supplier<String> requestIds,
            ClientOptions clientOptions) {
        ManagementApiClient api =
                new ManagementApiClient(
                        settings.managementApiUrl(),
                        settings.accountId(),
                        settings.clusterId(),
                        settings.managementToken().reveal(),
                        clientOptions);
        return new RevocationService(
                api,
                new Allowlist(settings.allowedUsers()),
                new InMemoryRevocationRequests(clock),
                clock,
                requestIds,
                CONFIRMATION_TTL);
    }

    private static SlackBot.Options slackOptions(Settings settings, Clock clock) {
        return new SlackBot.Options(
                settings.slackBotToken().reveal(),
                settings.slackApiUrl(),
                settings.clusterId(),
                clock,
                WORKER_THREADS,
                WORK_QUEUE_CAPACITY);
    }

    private static void warnAboutEmptyAllowlist(Settings settings) {
        if (settings.allowedUsers().isEmpty()) {
            log.warn(
                    "ALLOWED_USERS is empty, so the bot refuses everyone: set it to the Slack user"
                            + " ids of the people who may list and revoke database tokens");
        } else {
            log.info("Allowlist has {} Slack user ids", settings.allowedUsers().size());
        }
    }

    /** The HTTP port the bot listens on, or -1 in Socket Mode. */
    public int httpPort() {
        return httpPort;
    }

    /** Blocks until {@link #close()} has run. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() throws Exception {
        try {
            log.info("Stopping: finishing work already started");
            slack.close();
            log.info("Stopped");
        } finally {
            stopped.countDown();
        }
    }
}
