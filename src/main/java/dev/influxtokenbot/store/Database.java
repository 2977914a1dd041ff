package dev.influxtokenbot.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relational database behind the request store and the audit trail: a pool of connections,
 * brought to the current schema by Flyway when it opens. The same migrations serve the embedded
 * database and PostgreSQL.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final String EMBEDDED_FILE = "influx-token-bot";

    private final HikariDataSource dataSource;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Opens (and on first start creates) the single-file database in {@code directory}. Only one
     * process can hold it open; a second one fails to start, and says so.
     */
    public static Database embedded(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.toAbsolutePath().resolve(EMBEDDED_FILE);
        // DB_CLOSE_ON_EXIT=FALSE: the bot closes it itself, after revokes in flight are recorded.
        String url =
                "jdbc:h2:file:"
                        + file
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                        + ";DB_CLOSE_ON_EXIT=FALSE";
        return open(url, null, null, 4, 1, "embedded file " + file + ".mv.db");
    }

    /** Opens a PostgreSQL database shared by every instance of the bot. */
    public static Database postgres(String jdbcUrl, String user, String password, String where) {
        return open(jdbcUrl, user, password, 8, 2, "PostgreSQL at " + where);
    }

    /**
     * @param poolSize the most connections at once, for racing clicks and housekeeping
     * @param idle how many are kept open when the bot is quiet; a bot is quiet most of the time
     */
    private static Database open(
            String url, String user, String password, int poolSize, int idle, String description) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("store");
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(idle);
        config.setConnectionTimeout(5_000);
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            migrate(dataSource);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        log.info("Request store: {}", description);
        return new Database(dataSource);
    }

    private static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
