package dev.influxtokenbot.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Turns environment variables into {@link Settings}, collecting every problem before failing. */
final class SettingsReader {
    static final String DEFAULT_SLACK_API_URL = "https://slack.com/api/";
    static final String DEFAULT_MANAGEMENT_API_URL = "https://console.influxdata.com/api/v0";
    static final int DEFAULT_PORT = 3000;
    static final Duration DEFAULT_APPROVAL_TTL = Duration.ofMinutes(30);

    private static final Pattern UUID_TEXT =
            Pattern.compile(
                    "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern SLACK_USER_ID = Pattern.compile("[UW][A-Z0-9]{2,}");
    private static final Pattern SLACK_CHANNEL_ID = Pattern.compile("[CG][A-Z0-9]{2,}");
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,6})\\s*([smh])");
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
        Set<String> allowedUsers = userIds("ALLOWED_USERS");
        Settings.Approvals approvals = approvals();
        Settings.Storage storage = storage();
        String auditChannel = channel("AUDIT_CHANNEL");

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
                allowedUsers,
                approvals,
                storage,
                auditChannel);
    }

    private Settings.Approvals approvals() {
        String mode = value("APPROVAL_MODE");
        boolean twoPerson = false;
        if (mode != null && mode.equalsIgnoreCase("two-person")) {
            twoPerson = true;
        } else if (mode != null && !mode.equalsIgnoreCase("self")) {
            problems.add("APPROVAL_MODE must be self or two-person, got '" + mode + "'");
        }
        return new Settings.Approvals(
                twoPerson, userIds("APPROVERS"), channel("APPROVAL_CHANNEL"), approvalTtl());
    }

    private Duration approvalTtl() {
        String value = value("APPROVAL_TTL");
        if (value == null) {
            return DEFAULT_APPROVAL_TTL;
        }
        Duration ttl = parseDuration(value);
        if (ttl == null || ttl.compareTo(Duration.ofMinutes(1)) < 0 || ttl.toHours() > 24) {
            problems.add(
                    "APPROVAL_TTL must be a duration from 1 minute to 24 hours, such as 30m, 2h or"
                            + " PT45M, got '"
                            + value
                            + "'");
            return DEFAULT_APPROVAL_TTL;
        }
        return ttl;
    }

    private static Duration parseDuration(String text) {
        Matcher shortForm = DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (shortForm.matches()) {
            long amount = Long.parseLong(shortForm.group(1));
            return switch (shortForm.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private Settings.Storage storage() {
        String databaseUrl = value("DATABASE_URL");
        if (databaseUrl != null) {
            try {
                return DatabaseUrl.parse(databaseUrl);
            } catch (IllegalArgumentException e) {
                problems.add("DATABASE_URL " + e.getMessage());
                return null;
            }
        }
        String dataDirectory = value("DATA_DIR");
        try {
            return new Settings.Embedded(Path.of(dataDirectory == null ? "data" : dataDirectory));
        } catch (InvalidPathException e) {
            problems.add("DATA_DIR is not a path: " + e.getReason());
            return null;
        }
    }

    /** A Slack channel id, or null when the variable is unset. */
    private String channel(String name) {
        String value = value(name);
        if (value != null && !SLACK_CHANNEL_ID.matcher(value).matches()) {
            problems.add(
                    name
                            + " must be a Slack channel id like C012AB3CD (in Slack: the channel's"
                            + " details, at the bottom), got '"
                            + value
                            + "'");
            return null;
        }
        return value;
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

    private Set<String> userIds(String name) {
        String value = value(name);
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
                    name
                            + " must list Slack user ids like U012AB3CD, separated by commas"
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
