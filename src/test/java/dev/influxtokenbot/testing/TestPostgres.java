package dev.influxtokenbot.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL for the tests that need one, each test class in a database of its own. The
 * server is found at {@code TEST_POSTGRES_URL} (by default the role {@code .ci/postgres} creates on
 * 127.0.0.1:5432). Where none answers, those tests are skipped and say why, except when {@code
 * REQUIRE_POSTGRES} is set, as in CI, where they fail.
 */
public final class TestPostgres {
    public static final String DEFAULT_URL =
            "jdbc:postgresql://127.0.0.1:5432/postgres?user=influxbot&password=influxbot";

    private TestPostgres() {}

    /** Skips (or, in CI, fails) the calling test when no PostgreSQL answers. */
    public static void assumeReachable() {
        String problem = problem();
        if (problem == null) {
            return;
        }
        String message =
                "No PostgreSQL at "
                        + where()
                        + " ("
                        + problem
                        + "). Run .ci/postgres, or set TEST_POSTGRES_URL to a JDBC URL of a role"
                        + " that may create databases.";
        if (System.getenv("REQUIRE_POSTGRES") != null) {
            Assertions.fail("REQUIRE_POSTGRES is set: " + message);
        }
        Assumptions.abort(message + " The PostgreSQL tests are skipped.");
    }

    /** Creates an empty database and returns its JDBC URL, with the admin URL's credentials. */
    public static String createDatabase() {
        String name = "influxbot_test_" + UUID.randomUUID().toString().replace("-", "");
        execute("CREATE DATABASE " + name);
        return adminUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
    }

    /** Drops a database made by {@link #createDatabase()}, closing what still uses it. */
    public static void dropDatabase(String jdbcUrl) {
        String name = jdbcUrl.replaceFirst("^.*/([^/?]+)(\\?.*)?$", "$1");
        if (!name.toLowerCase(Locale.ROOT).startsWith("influxbot_test_")) {
            throw new IllegalArgumentException("not a test database: " + name);
        }
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static String problem() {
        try (Connection connection = DriverManager.getConnection(adminUrl())) {
            return connection.isValid(2) ? null : "connection not valid";
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(adminUrl());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused: " + sql, e);
        }
    }

    private static String adminUrl() {
        String url = System.getenv("TEST_POSTGRES_URL");
        return url == null || url.isBlank() ? DEFAULT_URL : url;
    }

    /** The server's address, without credentials, for messages. */
    private static String where() {
        return adminUrl().replaceFirst("\\?.*$", "");
    }
}
