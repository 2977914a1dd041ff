package dev.influxtokenbot.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Turns environment variables into {@link Settings}, collecting every problem before failing. */
final class SettingsReader {
    static final String DEFAULT_SLACK_API_URL = "https://slack.com/api/";
    static final String DEFAULT_MANAGEMENT_API_URL = "https://console.influxdata.com/api/v0";
    static final int DEFAULT_PORT = 3000;

    private static final Pattern UUID_TEXT =
            Pattern.compile(
                    "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern SLACK_USER_ID = Pattern.compile("[UW][A-Z0-9]{2,}");
    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]");

    private final Map<String, String> environment;
    private final List<String> problems = new ArrayList<>();

    SettingsReader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    Settings read() throws InvalidSettingsException {
        Secret botToken =
                token(
                        "SLACK_BOT_TOKEN",
                        "xoxb-",
                        "set it to the Bot User OAuth Token from the Slack app's OAuth &"
                                + " Permissions page");
        Settings.Transport transport = transport();
        URI slackApiUrl = url("SLACK_API_URL", DEFAULT_SLACK_API_URL, true);
        UUID accountId = uuid("INFLUX_ACCOUNT_ID");
        UUID clusterId = uuid("INFLUX_CLUSTER_ID");
        Secret managementToken =
                secret(
                        "INFLUX_MANAGEMENT_TOKEN",
                        "set it to a management token of the account (influxctl management"
                                + " create)");
        URI managementApiUrl = url("INFLUX_MANAGEMENT_API_URL", DEFAULT_MANAGEMENT_API_URL, false);
        Set<String> allowedUsers = allowedUsers();

        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        return new Settings(
                botToken,
                transport,
                slackApiUrl,
                accountId,
                clusterId,
                managementToken,
                managementApiUrl,
                allowedUsers);
    }

    private Settings.Transport transport() {
        if (value("SLACK_APP_TOKEN") != null) {
            Secret appToken = token("SLACK_APP_TOKEN", "xapp-", "");
            return appToken == null ? null : new Settings.SocketMode(appToken);
        }
        Secret signingSecret =
                secret(
                        "SLACK_SIGNING_SECRET",
                        "set it to the Signing Secret from the Slack app's Basic Information page,"
                                + " or set SLACK_APP_TOKEN to run in Socket Mode");
        int port = port();
        return signingSecret == null ? null : new Settings.Http(port, signingSecret);
    }

    private Secret secret(String name, String hintWhenUnset) {
        String value = value(name);
        if (value == null) {
            problems.add(name + " is not set: " + hintWhenUnset);
            return null;
        }
        return Secret.of(value);
    }

    /** A Slack token; its prefix tells its kind, and a wrong kind is the commonest mix-up. */
    private Secret token(String name, String prefix, String hintWhenUnset) {
        Secret token = secret(name, hintWhenUnset);
        if (token != null && !token.reveal().startsWith(prefix)) {
            problems.add(name + " must start with " + prefix + " (its value is not shown)");
            return null;
        }
        return token;
    }

    private int port() {
        String value = value("PORT");
        if (value == null) {
            return DEFAULT_PORT;
        }
        if (value.matches("[0-9]{1,5}") && Integer.parseInt(value) <= 65535) {
            return Integer.parseInt(value);
        }
        problems.add("PORT must be a number from 0 to 65535, got '" + value + "'");
        return DEFAULT_PORT;
    }

    private UUID uuid(String name) {
        String value = value(name);
        if (value == null) {
            problems.add(name + " is not set: set it to the UUID shown in the InfluxDB console");
            return null;
        }
        if (!UUID_TEXT.matcher(value).matches()) {
            problems.add(
                    name
                            + " must be a UUID like 11111111-1111-4111-8111-111111111111, got '"
                            + value
                            + "'");
            return null;
        }
        return UUID.fromString(value);
    }

    private URI url(String name, String fallback, boolean endsWithSlash) {
        String value = value(name);
        String text = value == null ? fallback : value;
        URI url = parseUrl(name, text);
        if (url == null) {
            return null;
        }
        String normalized = text.replaceAll("/+$", "");
        return URI.create(endsWithSlash ? normalized + "/" : normalized);
    }

    private URI parseUrl(String name, String text) {
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            problems.add(name + " is not a URL: " + e.getReason());
            return null;
        }
        // A host Java cannot parse (one with an underscore) leaves the user info inside the
        // authority, so look for the '@' there: the messages below would print the password.
        if (url.getRawUserInfo() != null
                || (url.getRawAuthority() != null && url.getRawAuthority().contains("@"))) {
            problems.add(name + " must not contain a user name or password");
            return null;
        }
        if (!isSafeScheme(url)) {
            problems.add(
                    name
                            + " must be an https URL (http is allowed only for 127.0.0.1 or"
                            + " localhost), got '"
                            + text
                            + "'");
            return null;
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            // Not echoed: a query is where a credential would hide.
            problems.add(name + " must not have a query or fragment");
            return null;
        }
        return url;
    }

    private static boolean isSafeScheme(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (url.getHost() == null) {
            return false;
        }
        return scheme.equals("https")
                || (scheme.equals("http") && LOOPBACK_HOSTS.contains(url.getHost()));
    }

    private Set<String> allowedUsers() {
        String value = value("ALLOWED_USERS");
        if (value == null) {
            return Set.of();
        }
        Set<String> users =
                Arrays.stream(value.split("[,\\s]+"))
                        .filter(entry -> !entry.isEmpty())
                        .collect(Collectors.toCollection(LinkedHashSet::new));
        List<String> invalid =
                users.stream().filter(user -> !SLACK_USER_ID.matcher(user).matches()).toList();
        if (!invalid.isEmpty()) {
            problems.add(
                    "ALLOWED_USERS must list Slack user ids like U012AB3CD, separated by commas"
                            + " or spaces; these are not: "
                            + invalid.stream()
                                    .map(entry -> "'" + entry + "'")
                                    .collect(Collectors.joining(", ")));
        }
        return users;
    }

    /** The variable's value, or null when it is unset or blank. */
    private String value(String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
