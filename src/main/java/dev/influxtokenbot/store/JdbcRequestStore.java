package dev.influxtokenbot.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.influxtokenbot.managementapi.Permission;
import dev.influxtokenbot.revocation.ApprovalMode;
import dev.influxtokenbot.revocation.Decision;
import dev.influxtokenbot.revocation.MessageRef;
import dev.influxtokenbot.revocation.RequestState;
import dev.influxtokenbot.revocation.RequestStore;
import dev.influxtokenbot.revocation.RevocationRequest;
import dev.influxtokenbot.revocation.StoredRequest;
import dev.influxtokenbot.revocation.TokenId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Revocation requests in the {@code revocation_requests} table, for one cluster: several bots for
 * different clusters may share a database. Each state change is one conditional {@code UPDATE ...
 * WHERE state = ?}, so of racing changes, from threads or from other instances, the database lets
 * exactly one through.
 */
public final class JdbcRequestStore implements RequestStore {
    /** Longer texts are cut: they come from people and from InfluxDB, not from the bot. */
    static final int MAX_TEXT = 1000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Permission>> PERMISSIONS = new TypeReference<>() {};
    private static final String COLUMNS =
            "id, mode, requester, token_id, token_description, permissions, reason, channel_id,"
                    + " state, created_at, expires_at, decided_by, decided_at, decision_note,"
                    + " message_channel_id, message_ts, revoke_sent_at";

    private final Sql sql;
    private final String clusterId;

    public JdbcRequestStore(Database database, UUID clusterId) {
        this.sql = new Sql(database.dataSource());
        this.clusterId = clusterId.toString();
    }

    @Override
    public void add(RevocationRequest request) {
        sql.update(
                "add a request",
                "INSERT INTO revocation_requests (id, cluster_id, mode, requester, token_id,"
                        + " token_description, permissions, reason, channel_id, state, created_at,"
                        + " expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)",
                request.id(),
                clusterId,
                request.mode().name(),
                cut(request.requester()),
                request.tokenId(),
                cut(request.tokenDescription()),
                permissions(request.permissions()),
                cut(request.reason()),
                request.channelId(),
                request.createdAt(),
                request.expiresAt());
    }

    @Override
    public Optional<StoredRequest> find(String requestId) {
        return select("find a request", "id = ?", requestId).stream().findFirst();
    }

    @Override
    public boolean decide(String requestId, RequestState to, Decision decision) {
        return sql.update(
                        "decide a request",
                        "UPDATE revocation_requests SET state = ?, decided_by = ?, decided_at = ?,"
                                + " decision_note = ? WHERE id = ? AND cluster_id = ? AND state ="
                                + " 'PENDING'",
                        to.name(),
                        cut(decision.actor()),
                        decision.at(),
                        cut(decision.note()),
                        requestId,
                        clusterId)
                == 1;
    }

    @Override
    public boolean markRevokeSent(String requestId, Instant at) {
        return sql.update(
                        "note a revoke as sent",
                        "UPDATE revocation_requests SET revoke_sent_at = ? WHERE id = ? AND"
                                + " cluster_id = ? AND state = 'APPROVED' AND revoke_sent_at IS"
                                + " NULL",
                        at,
                        requestId,
                        clusterId)
                == 1;
    }

    @Override
    public boolean finish(String requestId, RequestState to) {
        return sql.update(
                        "record the end of a revoke",
                        "UPDATE revocation_requests SET state = ? WHERE id = ? AND cluster_id = ?"
                                + " AND state = 'APPROVED'",
                        to.name(),
                        requestId,
                        clusterId)
                == 1;
    }

    @Override
    public void attachMessage(String requestId, MessageRef message) {
        sql.update(
                "remember a request's message",
                "UPDATE revocation_requests SET message_channel_id = ?, message_ts = ? WHERE id = ?"
                        + " AND cluster_id = ?",
                message.channelId(),
                message.ts(),
                requestId,
                clusterId);
    }

    @Override
    public List<StoredRequest> pending() {
        return select("list pending requests", "state = 'PENDING' ORDER BY created_at, id");
    }

    @Override
    public List<StoredRequest> pendingExpiredAt(Instant now) {
        return select(
                "find expired requests",
                "state = 'PENDING' AND expires_at <= ? ORDER BY expires_at, id",
                now);
    }

    @Override
    public List<StoredRequest> approvedBefore(Instant cutoff) {
        return select(
                "find abandoned revokes",
                "state = 'APPROVED' AND decided_at < ? ORDER BY decided_at, id",
                cutoff);
    }

    private List<StoredRequest> select(String operation, String where, Object... parameters) {
        Object[] all = new Object[parameters.length + 1];
        all[0] = clusterId;
        System.arraycopy(parameters, 0, all, 1, parameters.length);
        return sql.query(
                operation,
                "SELECT " + COLUMNS + " FROM revocation_requests WHERE cluster_id = ? AND " + where,
                JdbcRequestStore::read,
                all);
    }

    private static StoredRequest read(ResultSet row) throws SQLException {
        RevocationRequest request =
                new RevocationRequest(
                        row.getString("id"),
                        ApprovalMode.valueOf(row.getString("mode")),
                        row.getString("requester"),
                        new TokenId(UUID.fromString(row.getString("token_id"))),
                        row.getString("token_description"),
                        permissions(row.getString("permissions")),
                        row.getString("reason"),
                        row.getString("channel_id"),
                        Sql.instant(row, "created_at"),
                        Sql.instant(row, "expires_at"));
        return new StoredRequest(
                request,
                RequestState.valueOf(row.getString("state")),
                decision(row),
                message(row),
                Sql.instant(row, "revoke_sent_at"));
    }

    private static Decision decision(ResultSet row) throws SQLException {
        String actor = row.getString("decided_by");
        return actor == null
                ? null
                : new Decision(
                        actor, Sql.instant(row, "decided_at"), row.getString("decision_note"));
    }

    private static MessageRef message(ResultSet row) throws SQLException {
        String channel = row.getString("message_channel_id");
        return channel == null ? null : new MessageRef(channel, row.getString("message_ts"));
    }

    private static String permissions(List<Permission> permissions) {
        try {
            return JSON.writeValueAsString(permissions);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("permissions are plain records", e);
        }
    }

    private static List<Permission> permissions(String json) throws SQLException {
        try {
            return JSON.readValue(json, PERMISSIONS);
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable permissions column", e);
        }
    }

    static String cut(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }
}
