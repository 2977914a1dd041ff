package dev.influxtokenbot.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import dev.influxtokenbot.revocation.RevocationService;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The bot's Slack side: a Bolt app with the {@code /influx-token} command and the revoke buttons,
 * reached either over HTTP on Jetty 12 or over a Socket Mode WebSocket.
 */
public final class SlackBot implements AutoCloseable {
    private static final Duration SLACK_CALL_TIMEOUT = Duration.ofSeconds(10);

    private final App app;
    private final Worker worker;
    private final Clock clock;
    private Server server;
    private SocketModeApp socketMode;

    private SlackBot(App app, Worker worker, Clock clock) {
        this.app = app;
        this.worker = worker;
        this.clock = clock;
    }

    /**
     * Builds the Bolt app and checks the bot token with Slack ({@code auth.test}).
     *
     * @throws IllegalArgumentException when Slack rejects the bot token or cannot be reached
     */
    public static SlackBot create(Options options, RevocationService service) {
        App app = new App(appConfig(options));
        Worker worker = new Worker(options.workerThreads(), options.workQueueCapacity());
        Messages messages =
                new Messages(options.clusterId(), options.clock(), service.confirmationTtl());
        ResponseUrls responseUrls = new ResponseUrls(app.config().getSlack());
        RevokeButtons buttons = new RevokeButtons(service, messages, worker, responseUrls);

        app.command(TokenCommand.NAME, new TokenCommand(service, messages, worker, responseUrls));
        app.blockAction(ActionIds.START_REVOKE, buttons.start());
        app.blockAction(ActionIds.CONFIRM_REVOKE, buttons.confirm());
        app.blockAction(ActionIds.CANCEL_REVOKE, buttons.cancel());
        try {
            app.start();
        } catch (IllegalArgumentException e) {
            worker.shutdown(Duration.ZERO);
            throw new IllegalArgumentException(
                    "Slack did not accept SLACK_BOT_TOKEN ("
                            + e.getMessage()
                            + "): copy the Bot User OAuth Token again, and check that SLACK_API_URL"
                            + " is reachable",
                    e);
        }
        return new SlackBot(app, worker, options.clock());
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

        RequestSignature signature = new RequestSignature(signingSecret, clock);
        server.setHandler(new GracefulHandler(new SlackHttpHandler(app, signature)));
        server.setStopTimeout(Duration.ofSeconds(10).toMillis());
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
     * report, then stops.
     */
    @Override
    public void close() throws Exception {
        if (server != null) {
            server.stop();
        }
        if (socketMode != null) {
            socketMode.close();
        }
        worker.shutdown(Duration.ofSeconds(20));
        app.stop();
    }

    /**
     * How the Slack side is set up.
     *
     * @param botToken the bot token, sent only to Slack's Web API
     * @param slackApiUrl base of Slack's Web API, ending in a slash
     * @param clusterId shown in the usage text
     * @param workerThreads how many requests may call InfluxDB at once
     * @param workQueueCapacity how many may wait for a thread before new ones are refused
     */
    public record Options(
            String botToken,
            URI slackApiUrl,
            UUID clusterId,
            Clock clock,
            int workerThreads,
            int workQueueCapacity) {
        public Options {
            Objects.requireNonNull(botToken, "botToken");
            Objects.requireNonNull(slackApiUrl, "slackApiUrl");
            Objects.requireNonNull(clusterId, "clusterId");
            Objects.requireNonNull(clock, "clock");
        }

        @Override
        public String toString() {
            return "Options[slackApiUrl=" + slackApiUrl + ", clusterId=" + clusterId + "]";
        }
    }
}
