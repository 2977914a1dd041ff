package dev.influxtokenbot.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Reads {@code DATABASE_URL}: the {@code postgres://user:password@host:port/database} form that
 * Heroku sets, or a {@code jdbc:postgresql:} URL as is. The password never leaves a {@link Secret},
 * and no error repeats the URL, which holds it.
 */
final class DatabaseUrl {
    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]");

    private DatabaseUrl() {}

    /** The storage described, or throws with a message that does not contain the URL. */
    static Settings.Postgres parse(String text) {
        if (text.startsWith("jdbc:postgresql:")) {
            return new Settings.Postgres(Secret.of(text), null, null, where(text));
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("postgres://") && !lower.startsWith("postgresql://")) {
            throw new IllegalArgumentException(
                    "must be a postgres://user:password@host:port/database URL or a"
                            + " jdbc:postgresql: URL (its value is not shown)");
        }
        return fromPostgresUrl(text);
    }

    private static Settings.Postgres fromPostgresUrl(String text) {
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a valid URL (its value is not shown)");
        }
        if (url.getHost() == null || url.getPath() == null || url.getPath().length() < 2) {
            throw new IllegalArgumentException(
                    "must name a host and a database, as in postgres://user:password@host:5432/db");
        }

        String host = url.getHost();
        int port = url.getPort() == -1 ? 5432 : url.getPort();
        String database = url.getPath().substring(1);
        String jdbcUrl =
                "jdbc:postgresql://" + host + ":" + port + "/" + database + query(url, host);
        String[] credentials = credentials(url);
        return new Settings.Postgres(
                Secret.of(jdbcUrl),
                credentials[0],
                credentials[1] == null ? null : Secret.of(credentials[1]),
                host + ":" + port + "/" + database);
    }

    /**
     * The URL's own query, plus {@code sslmode=require} for a remote host when none is given:
     * Heroku's PostgreSQL accepts only encrypted connections, and a password should not cross a
     * network in the clear anyway.
     */
    private static String query(URI url, String host) {
        String query = url.getRawQuery() == null ? "" : url.getRawQuery();
        if (!query.contains("sslmode=") && !LOOPBACK_HOSTS.contains(host)) {
            query = query.isEmpty() ? "sslmode=require" : query + "&sslmode=require";
        }
        return query.isEmpty() ? "" : "?" + query;
    }

    private static String[] credentials(URI url) {
        String userInfo = url.getRawUserInfo();
        if (userInfo == null) {
            return new String[] {null, null};
        }
        int colon = userInfo.indexOf(':');
        String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
        String password = colon < 0 ? null : userInfo.substring(colon + 1);
        return new String[] {decode(user), password == null ? null : decode(password)};
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /**
     * Host, port and database of a JDBC URL, for logs; its query (which may hold a password) is
     * cut.
     */
    private static String where(String jdbcUrl) {
        String rest = jdbcUrl.substring("jdbc:postgresql:".length());
        int query = rest.indexOf('?');
        String withoutQuery = query < 0 ? rest : rest.substring(0, query);
        return withoutQuery.replaceFirst("^//", "");
    }
}
