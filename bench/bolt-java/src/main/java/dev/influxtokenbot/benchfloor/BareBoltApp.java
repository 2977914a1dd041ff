package dev.influxtokenbot.benchfloor;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The Bolt-for-Java floor of the benchmark: Bolt 1.51.0 with its defaults, including its own
 * request verification, on Jetty 12 with the bot's thread pool, acknowledging {@code /influx-token}
 * and any click with an empty body. It does what every Bolt app must do and nothing more, so the
 * bot's figures divided by its figures show what the bot's own work costs.
 */
public final class BareBoltApp {
    private BareBoltApp() {}

    public static void main(String[] args) throws Exception {
        SlackConfig slackConfig = new SlackConfig();
        slackConfig.setMethodsEndpointUrlPrefix(env("SLACK_API_URL"));
        App app =
                new App(
                        AppConfig.builder()
                                .slack(Slack.getInstance(slackConfig))
                                .singleTeamBotToken(env("SLACK_BOT_TOKEN"))
                                .signingSecret(env("SLACK_SIGNING_SECRET"))
                                .build());
        app.command("/influx-token", (request, context) -> context.ack());
        app.blockAction(Pattern.compile(".*"), (request, context) -> context.ack());
        app.start();

        QueuedThreadPool threads = new QueuedThreadPool(64, 8);
        threads.setName("http");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(Integer.parseInt(env("PORT")));
        server.addConnector(connector);
        server.setHandler(new BoltHandler(app));
        server.start();
        server.join();
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not set");
        }
        return value;
    }
}
