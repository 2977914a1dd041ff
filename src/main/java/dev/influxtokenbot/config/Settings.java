package dev.influxtokenbot.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * @param approvals who decides a revoke, and where
 * @param storage where requests and the audit trail are kept
 * @param auditChannel Slack channel id that receives every audit event, or null for none
 */
public record Settings(
        Secret slackBotToken,
        Transport transport,
        URI slackApiUrl,
        UUID accountId,
        UUID clusterId,
        Secret managementToken,
        URI managementApiUrl,
        Set<String> allowedUsers,
        Approvals approvals,
        Storage storage,
        String auditChannel) {

    public Settings {
        Objects.requireNonNull(slackBotToken, "slackBotToken");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(slackApiUrl, "slackApiUrl");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(managementToken, "managementToken");
        Objects.requireNonNull(managementApiUrl, "managementApiUrl");
        allowedUsers = Set.copyOf(allowedUsers);
        Objects.requireNonNull(approvals, "approvals");
        Objects.requireNonNull(storage, "storage");
    }

    public Optional<String> auditChannelIfSet() {
        return Optional.ofNullable(auditChannel);
    }

    /** Reads and checks the settings, listing every problem at once. */
    public static Settings fromEnvironment(Map<String, String> environment)
            throws InvalidSettingsException {
        return new SettingsReader(environment).read();
    }

    /** How Slack delivers commands and clicks to the bot. */
    public sealed interface Transport permits Http, SocketMode {}

    /**
     * How a revoke is decided.
     *
     * @param twoPerson false: the requester confirms alone; true: another approver must approve
     * @param approvers who may approve; empty means the allowlist
     * @param approvalChannel channel id for approval requests, or null for the requester's channel
     * @param ttl how long an approval request stays open
     */
    public record Approvals(
            boolean twoPerson, Set<String> approvers, String approvalChannel, Duration ttl) {
        public Approvals {
            approvers = Set.copyOf(approvers);
            Objects.requireNonNull(ttl, "ttl");
        }
    }

    /** Where revocation requests and the audit trail are kept. */
    public sealed interface Storage permits Embedded, Postgres {}

    /** A single-file database in {@code dataDirectory}, for one instance with no setup. */
    public record Embedded(Path dataDirectory) implements Storage {
        public Embedded {
            Objects.requireNonNull(dataDirectory, "dataDirectory");
        }
    }

    /**
     * PostgreSQL, shared by any number of instances.
     *
     * @param jdbcUrl the JDBC URL; a secret, since it may carry a password in its query
     * @param user the user name, or null when the URL names it
     * @param password the password, or null when the URL carries it or none is needed
     * @param where host, port and database, for logs
     */
    public record Postgres(Secret jdbcUrl, String user, Secret password, String where)
            implements Storage {
        public Postgres {
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            Objects.requireNonNull(where, "where");
        }
    }

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
