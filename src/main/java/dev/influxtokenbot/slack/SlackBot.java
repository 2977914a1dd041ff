package dev.influxtokenbot.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import dev.influxtokenbot.revocation.AuditEvent;
import dev.influxtokenbot.revocation.DecisionService;
import dev.influxtokenbot.revocation.Housekeeping;
import dev.influxtokenbot.revocation.RevocationService;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's Slack side: a Bolt app with the {@code /influx-token} command and the bot's buttons,
 * reached either over HTTP on Jetty 12 or over a Socket Mode WebSocket. It starts in two steps:
 * {@link #connect} checks the bot token with Slack before anything else is built, and {@link
 * #handle} adds the handlers once the revocation rules exist.
 */
public final class SlackBot implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SlackBot.class);
    private static final Duration SLACK_CALL_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Heroku and Cloud Foundry stop a process some seconds after SIGTERM; these waits add up to
     * well under 25 seconds: requests already received, then work already queued, then audit
     * messages.
     */
    private static final Duration HTTP_GRACE = Duration.ofSeconds(5);

    private static final Duration WORK_GRACE = Duration.ofSeconds(15);
    private static final Duration AUDIT_GRACE = Duration.ofSeconds(2);

    private final App app;
    private final Options options;
    private final Worker worker;
    private final SlackMessenger messenger;
    private AuditChannel auditChannel;
    private HousekeepingJob housekeeping;
    private Server server;
    private SocketModeApp socketMode;

    private SlackBot(App app, Options options) {
        this.app = app;
        this.options = options;
        this.worker = new Worker(options.workerThreads(), options.workQueueCapacity());
        this.messenger = new SlackMessenger(app.client(), options.botToken(), Thread::sleep);
    }

    /**
     * Builds the Bolt app and checks the bot token with Slack ({@code auth.test}).
     *
     * @throws IllegalArgumentException when Slack rejects the bot token or cannot be reached
     */
    public static SlackBot connect(Options options) {
        App app = new App(appConfig(options));
        try {
            app.start();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Slack did not accept SLACK_BOT_TOKEN ("
                            + e.getMessage()
                            + "): copy the Bot User OAuth Token again, and check that SLACK_API_URL"
                            + " is reachable",
                    e);
        }
        return new SlackBot(app, options);
    }

    private static AppConfig appConfig(Options options) {
        SlackConfig slackConfig = new SlackConfig();
        slackConfig.setMethodsEndpointUrlPrefix(options.slackApiUrl().toString());
        slackConfig.setHttpClientCallTimeoutMillis((int) SLACK_CALL_TIMEOUT.toMillis());
        return AppConfig.builder()
                .slack(Slack.getInstance(slackConfig))
                .singleTeamBotToken(options.botToken())
                // Signatures are checked before Bolt sees a request, more strictly than Bolt
                // would (see RequestSignature); Socket Mode requests carry none.
                .requestVerificationEnabled(false)
                .signingSecret(null)
                // The auth.test made at startup is kept, so no acknowledgement waits on Slack.
                .authTestCacheExpirationMillis(-1)
                .build();
    }

    /** Where audit events go in Slack: a channel, or nowhere when {@code channelId} is null. */
    public Consumer<AuditEvent> auditChannel(String channelId) {
        if (channelId == null) {
            return event -> {};
        }
        auditChannel = new AuditChannel(messenger, channelId);
        return auditChannel;
    }

    /** Adds the command and button handlers, and starts housekeeping. */
    public void handle(Services services) {
        Messages messages =
                new Messages(
                        options.clusterId(), services.requests().rules().mode(), options.clock());
        Approvals approvals =
                new Approvals(
                        services.requests(),
                        services.decisions(),
                        messenger,
                        messages,
                        options.clock());
        Requests requests =
                new Requests(services.requests(), approvals, messages, options.approvalChannel());
        ResponseUrls responseUrls = new ResponseUrls(app.config().getSlack());
        Buttons buttons =
                new Buttons(
                        requests,
                        services.decisions(),
                        approvals,
                        messages,
                        worker,
                        messenger,
                        responseUrls);

        app.command(
                TokenCommand.NAME,
                new TokenCommand(
                        services.requests(), requests, messages, worker, messenger, responseUrls));
        app.blockAction(ActionIds.START_REVOKE, buttons.start());
        app.blockAction(ActionIds.CONFIRM_REVOKE, buttons.confirm());
        app.blockAction(ActionIds.CANCEL_REVOKE, buttons.cancel());
        app.blockAction(ActionIds.APPROVE, buttons.approve());
        app.blockAction(ActionIds.DENY, buttons.deny());
        app.blockAction(ActionIds.WITHDRAW, buttons.withdraw());
        app.blockAction(Pattern.compile(Pattern.quote(ActionIds.NOTE_INPUT)), buttons.noteTyped());

        housekeeping = new HousekeepingJob(services.housekeeping(), approvals);
        housekeeping.start(options.housekeepingInterval());
    }

    /**
     * Serves Slack's request URL and the health check on {@code port} (0 picks a free one).
     *
     * @return the port it listens on
     */
    public int serveHttp(int port, String signingSecret) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(64, 8);
        threads.setName("http");
        server = new Server(threads);

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setPort(port);
        // Idle keep-alive connections need not hold up a shutdown; requests in flight still do.
        connector.setShutdownIdleTimeout(200);
        server.addConnector(connector);

        RequestSignature signature = new RequestSignature(signingSecret, options.clock());
        server.setHandler(new GracefulHandler(new SlackHttpHandler(app, signature)));
        server.setStopTimeout(HTTP_GRACE.toMillis());
        server.start();
        return connector.getLocalPort();
    }

    /** Connects to Slack over Socket Mode; needs no public URL. */
    public void connectSocketMode(String appToken) throws Exception {
        socketMode = new SocketModeApp(appToken, SocketModeClient.Backend.JavaWebSocket, app);
        socketMode.startAsync();
    }

    /**
     * Stops taking requests, lets work already queued (such as a revoke in flight) finish and
     * report, posts the audit events still queued, then stops.
     */
    @Override
    public void close() {
        if (server != null) {
            stopQuietly("the HTTP server", server::stop);
        }
        if (socketMode != null) {
            stopQuietly("the Socket Mode connection", socketMode::close);
        }
        if (housekeeping != null) {
            housekeeping.stop();
        }
        worker.shutdown(WORK_GRACE);
        if (auditChannel != null) {
            auditChannel.shutdown(AUDIT_GRACE);
        }
        app.stop();
    }

    /** Stops one part; a part that fails to stop must not keep the others, or revokes, waiting. */
    private static void stopQuietly(String part, Stoppable stop) {
        try {
            stop.stop();
        } catch (Exception e) {
            log.warn("Stopping {} failed; going on with the rest", part, e);
        }
    }

    @FunctionalInterface
    private interface Stoppable {
        void stop() throws Exception;
    }

    /** The revocation rules the handlers call. */
    public record Services(
            RevocationService requests, DecisionService decisions, Housekeeping housekeeping) {
        public Services {
            Objects.requireNonNull(requests, "requests");
            Objects.requireNonNull(decisions, "decisions");
            Objects.requireNonNull(housekeeping, "housekeeping");
        }
    }

    /**
     * How the Slack side is set up.
     *
     * @param botToken the bot token, sent only to Slack's Web API
     * @param slackApiUrl base of Slack's Web API, ending in a slash
     * @param clusterId shown in the usage text
     * @param approvalChannel where requests for approval go, or null for the asking channel
     * @param workerThreads how many requests may call InfluxDB at once
     * @param workQueueCapacity how many may wait for a thread before new ones are refused
     * @param housekeepingInterval how often expired requests and abandoned revokes are settled
     */
    public record Options(
            String botToken,
            URI slackApiUrl,
            UUID clusterId,
            String approvalChannel,
            Clock clock,
            int workerThreads,
            int workQueueCapacity,
            Duration housekeepingInterval) {
        public Options {
            Objects.requireNonNull(botToken, "botToken");
            Objects.requireNonNull(slackApiUrl, "slackApiUrl");
            Objects.requireNonNull(clusterId, "clusterId");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(housekeepingInterval, "housekeepingInterval");
        }

        @Override
        public String toString() {
            return "Options[slackApiUrl=" + slackApiUrl + ", clusterId=" + clusterId + "]";
        }
    }
}
