package dev.influxtokenbot.store;

import dev.influxtokenbot.revocation.AuditEvent;
import dev.influxtokenbot.revocation.AuditLog;
import dev.influxtokenbot.revocation.TokenId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/** The audit trail in the append-only {@code audit_events} table, for one cluster. */
public final class JdbcAuditLog implements AuditLog {
    private final Sql sql;
    private final UUID clusterId;

    public JdbcAuditLog(Database database, UUID clusterId) {
        this.sql = new Sql(database.dataSource());
        this.clusterId = clusterId;
    }

    @Override
    public void record(AuditEvent event) {
        sql.update(
                "record an audit event",
                "INSERT INTO audit_events (occurred_at, event_type, actor, requester, cluster_id,"
                        + " token_id, token_description, request_id, reason, outcome, api_status)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                event.at(),
                event.type().name(),
                JdbcRequestStore.cut(event.actor()),
                JdbcRequestStore.cut(event.requester()),
                event.clusterId(),
                event.tokenId(),
                JdbcRequestStore.cut(event.tokenDescription()),
                event.requestId(),
                JdbcRequestStore.cut(event.reason()),
                JdbcRequestStore.cut(event.outcome()),
                event.apiStatus());
    }

    @Override
    public List<AuditEvent> recent(int count) {
        return sql.query(
                "read the audit trail",
                "SELECT * FROM audit_events WHERE cluster_id = ? ORDER BY occurred_at DESC, id DESC"
                        + " LIMIT ?",
                JdbcAuditLog::read,
                clusterId,
                count);
    }

    private static AuditEvent read(ResultSet row) throws SQLException {
        String tokenId = row.getString("token_id");
        int status = row.getInt("api_status");
        Integer apiStatus = row.wasNull() ? null : status;
        return new AuditEvent(
                Sql.instant(row, "occurred_at"),
                AuditEvent.Type.valueOf(row.getString("event_type")),
                row.getString("actor"),
                row.getString("requester"),
                UUID.fromString(row.getString("cluster_id")),
                tokenId == null ? null : new TokenId(UUID.fromString(tokenId)),
                row.getString("token_description"),
                row.getString("request_id"),
                row.getString("reason"),
                row.getString("outcome"),
                apiStatus);
    }
}
