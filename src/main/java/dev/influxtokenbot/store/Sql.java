package dev.influxtokenbot.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Runs one statement on a pooled connection in auto-commit. Every state change of the store is a
 * single conditional {@code UPDATE}, which both databases run atomically, so no transaction spans
 * more than one statement.
 */
final class Sql {
    private final DataSource dataSource;

    Sql(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs an INSERT, UPDATE or DELETE; returns how many rows it changed. */
    int update(String operation, String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(operation, e);
        }
    }

    <T> List<T> query(String operation, String sql, Row<T> row, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet results = statement.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (results.next()) {
                rows.add(row.read(results));
            }
            return rows;
        } catch (SQLException e) {
            throw new StoreException(operation, e);
        }
    }

    static Instant instant(ResultSet results, String column) throws SQLException {
        OffsetDateTime value = results.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static PreparedStatement prepare(
            Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            bind(statement, i + 1, parameters[i]);
        }
        return statement;
    }

    private static void bind(PreparedStatement statement, int index, Object value)
            throws SQLException {
        if (value instanceof Instant instant) {
            statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        } else if (value instanceof Integer number) {
            statement.setInt(index, number);
        } else if (value == null) {
            // Untyped, so that each database takes the column's own type.
            statement.setObject(index, null);
        } else {
            statement.setString(index, value.toString());
        }
    }

    /** Reads one row of a result. */
    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet results) throws SQLException;
    }
}
