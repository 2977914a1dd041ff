package dev.influxtokenbot;

import dev.influxtokenbot.audit.AuditTrail;
import dev.influxtokenbot.config.Settings;
import dev.influxtokenbot.managementapi.ClientOptions;
import dev.influxtokenbot.managementapi.ManagementApiClient;
import dev.influxtokenbot.revocation.Allowlist;
import dev.influxtokenbot.revocation.ApprovalMode;
import dev.influxtokenbot.revocation.AuditLog;
import dev.influxtokenbot.revocation.DecisionService;
import dev.influxtokenbot.revocation.Housekeeping;
import dev.influxtokenbot.revocation.RequestStore;
import dev.influxtokenbot.revocation.RevocationService;
import dev.influxtokenbot.revocation.Rules;
import dev.influxtokenbot.slack.SlackBot;
import dev.influxtokenbot.store.Database;
import dev.influxtokenbot.store.JdbcAuditLog;
import dev.influxtokenbot.store.JdbcRequestStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running bot: the parts built from {@link Settings}, serving Slack until it is closed. */
public final class Bot implements AutoCloseable {
    static final int WORKER_THREADS = 8;
    static final int WORK_QUEUE_CAPACITY = 500;

    private static final Logger log = LoggerFactory.getLogger(Bot.class);

    private final SlackBot slack;
    private final Database database;
    private final int httpPort;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private Bot(SlackBot slack, Database database, int httpPort) {
        this.slack = slack;
        this.database = database;
        this.httpPort = httpPort;
    }

    /**
     * Checks the bot token with Slack, opens the request store, builds the parts and starts
     * serving: HTTP when the settings hold a signing secret, Socket Mode when they hold an app
     * token.
     *
     * @param clock the time for expiry and signature checks
     * @param requestIds where new request ids come from
     */
    public static Bot start(
            Settings settings, Clock clock, Supplier<String> requestIds, Tuning tuning)
            throws Exception {
        warnAboutRules(settings);
        // The store opens (and migrates) while Slack checks the bot token: both take a while,
        // and neither needs the other.
        CompletableFuture<Database> opening = openInTheBackground(settings.storage());
        SlackBot slack;
        try {
            slack = SlackBot.connect(slackOptions(settings, clock, tuning));
        } catch (RuntimeException e) {
            opening.thenAccept(Database::close);
            throw e;
        }

        Database database = null;
        try {
            database = opened(opening);
            slack.handle(services(settings, clock, requestIds, tuning, slack, database));
            return new Bot(slack, database, serve(settings, slack));
        } catch (Exception e) {
            slack.close();
            if (database != null) {
                database.close();
            }
            throw e;
        }
    }

    private static CompletableFuture<Database> openInTheBackground(Settings.Storage storage) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return open(storage);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    /** The opened store, or the exception that opening it threw. */
    private static Database opened(CompletableFuture<Database> opening) throws Exception {
        try {
            return opening.join();
        } catch (CompletionException e) {
            Throwable cause =
                    e.getCause() instanceof UncheckedIOException unchecked
                            ? unchecked.getCause()
                            : e.getCause();
            throw cause instanceof Exception exception ? exception : e;
        }
    }

    private static SlackBot.Services services(
            Settings settings,
            Clock clock,
            Supplier<String> requestIds,
            Tuning tuning,
            SlackBot slack,
            Database database) {
        ManagementApiClient api =
                new ManagementApiClient(
                        settings.managementApiUrl(),
                        settings.accountId(),
                        settings.clusterId(),
                        settings.managementToken().reveal(),
                        tuning.clientOptions());
        RequestStore store = new JdbcRequestStore(database, settings.clusterId());
        AuditLog audit =
                new AuditTrail(
                        new JdbcAuditLog(database, settings.clusterId()),
                        slack.auditChannel(settings.auditChannel()));
        Rules rules = rules(settings);
        DecisionService decisions = new DecisionService(api, rules, store, audit, clock);
        return new SlackBot.Services(
                new RevocationService(api, rules, store, audit, clock, requestIds),
                decisions,
                new Housekeeping(store, decisions, clock));
    }

    private static Rules rules(Settings settings) {
        Settings.Approvals approvals = settings.approvals();
        return new Rules(
                settings.clusterId(),
                new Allowlist(settings.allowedUsers()),
                approvals.twoPerson() ? ApprovalMode.TWO_PERSON : ApprovalMode.SELF,
                new Allowlist(approvals.approvers()),
                approvals.twoPerson() ? approvals.ttl() : RevocationService.CONFIRMATION_TTL);
    }

    private static Database open(Settings.Storage storage) throws IOException {
        if (storage instanceof Settings.Postgres postgres) {
            return Database.postgres(
                    postgres.jdbcUrl().reveal(),
                    postgres.user(),
                    postgres.password() == null ? null : postgres.password().reveal(),
                    postgres.where());
        }
        return Database.embedded(((Settings.Embedded) storage).dataDirectory());
    }

    private static int serve(Settings settings, SlackBot slack) throws Exception {
        if (settings.transport() instanceof Settings.Http http) {
            int port = slack.serveHttp(http.port(), http.signingSecret().reveal());
            log.info("Started mode=http port={} clusterId={}", port, settings.clusterId());
            return port;
        }
        Settings.SocketMode socketMode = (Settings.SocketMode) settings.transport();
        slack.connectSocketMode(socketMode.appToken().reveal());
        log.info("Started mode=socket clusterId={}", settings.clusterId());
        return -1;
    }

    private static SlackBot.Options slackOptions(Settings settings, Clock clock, Tuning tuning) {
        return new SlackBot.Options(
                settings.slackBotToken().reveal(),
                settings.slackApiUrl(),
                settings.clusterId(),
                settings.approvals().approvalChannel(),
                clock,
                WORKER_THREADS,
                WORK_QUEUE_CAPACITY,
                tuning.housekeepingInterval());
    }

    private static void warnAboutRules(Settings settings) {
        if (settings.allowedUsers().isEmpty()) {
            log.warn(
                    "ALLOWED_USERS is empty, so the bot refuses everyone: set it to the Slack user"
                            + " ids of the people who may list and revoke database tokens");
        } else {
            log.info("Allowlist has {} Slack user ids", settings.allowedUsers().size());
        }
        Settings.Approvals approvals = settings.approvals();
        int approvers =
                (approvals.approvers().isEmpty() ? settings.allowedUsers() : approvals.approvers())
                        .size();
        if (approvals.twoPerson() && approvers < 2) {
            log.warn(
                    "APPROVAL_MODE is two-person but there are {} approvers, and nobody may"
                            + " approve their own request: name at least two in APPROVERS (or"
                            + " ALLOWED_USERS)",
                    approvers);
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
    public void close() {
        try {
            log.info("Stopping: finishing work already started");
            slack.close();
            database.close();
            log.info("Stopped");
        } finally {
            stopped.countDown();
        }
    }

    /**
     * What tests and benchmarks may change about how the bot runs.
     *
     * @param clientOptions timeouts and retries of the Management API client
     * @param housekeepingInterval how often expired requests and abandoned revokes are settled
     */
    public record Tuning(ClientOptions clientOptions, Duration housekeepingInterval) {
        public static Tuning defaults() {
            return new Tuning(ClientOptions.defaults(), Duration.ofSeconds(30));
        }
    }
}
