package dev.influxtokenbot.config;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Everything the bot needs from its environment, checked once at startup. Secrets are held as
 * {@link Secret}, so printing a settings object never prints a credential.
 *
 * @param slackBotToken the bot token ({@code xoxb-...}) for Slack's Web API
 * @param transport how Slack reaches the bot: HTTP request URLs or Socket Mode
 * @param slackApiUrl base of Slack's Web API, ending in a slash
 * @param accountId the InfluxDB Cloud Dedicated account
 * @param clusterId the cluster whose database tokens the bot manages
 * @param managementToken the credential for the Management API
 * @param managementApiUrl base of the Management API, without a trailing slash
 * @param allowedUsers Slack user ids that may list and revoke
 */
public record Settings(
        Secret slackBotToken,
        Transport transport,
        URI slackApiUrl,
        UUID accountId,
        UUID clusterId,
        Secret managementToken,
        URI managementApiUrl,
        Set<String> allowedUsers) {

    public Settings {
        Objects.requireNonNull(slackBotToken, "slackBotToken");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(slackApiUrl, "slackApiUrl");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(managementToken, "managementToken");
        Objects.requireNonNull(managementApiUrl, "managementApiUrl");
        allowedUsers = Set.copyOf(allowedUsers);
    }

    /** Reads and checks the settings, listing every problem at once. */
    public static Settings fromEnvironment(Map<String, String> environment)
            throws InvalidSettingsException {
        return new SettingsReader(environment).read();
    }

    /** How Slack delivers commands and clicks to the bot. */
    public sealed interface Transport permits Http, SocketMode {}

    /** Slack posts to the bot's public request URL; each request is signed. */
    public record Http(int port, Secret signingSecret) implements Transport {
        public Http {
            Objects.requireNonNull(signingSecret, "signingSecret");
        }
    }

    /** The bot opens a WebSocket to Slack and needs no public URL. */
    public record SocketMode(Secret appToken) implements Transport {
        public SocketMode {
            Objects.requireNonNull(appToken, "appToken");
        }
    }
}
