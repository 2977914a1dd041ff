package dev.influxtokenbot.e2e;

import dev.influxtokenbot.revocation.AuditEvent;
import dev.influxtokenbot.revocation.StoredRequest;
import dev.influxtokenbot.store.Database;
import dev.influxtokenbot.store.JdbcAuditLog;
import dev.influxtokenbot.store.JdbcRequestStore;
import dev.influxtokenbot.testing.BotHarness;
import dev.influxtokenbot.testing.FakeManagementApi;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The bot's embedded store, opened by the test as an operator's SQL client would: to read what the
 * bot stored, or, while the bot is stopped, to leave a request as a crash would have left it. In
 * one JVM the embedded database may be open here and in the running bot at once.
 */
final class EmbeddedStore implements AutoCloseable {
    final JdbcRequestStore requests;
    final JdbcAuditLog auditLog;
    private final Database database;

    private EmbeddedStore(Database database) {
        this.database = database;
        this.requests = new JdbcRequestStore(database, FakeManagementApi.CLUSTER_ID);
        this.auditLog = new JdbcAuditLog(database, FakeManagementApi.CLUSTER_ID);
    }

    static EmbeddedStore open(BotHarness harness) throws IOException {
        return new EmbeddedStore(Database.embedded(harness.dataDirectory));
    }

    /** The request as stored; fails the test when there is none. */
    StoredRequest request(String requestId) {
        return requests.find(requestId)
                .orElseThrow(() -> new AssertionError("the store has no request " + requestId));
    }

    /** Every audit event of the cluster, oldest first. */
    List<AuditEvent> events() {
        List<AuditEvent> events = new ArrayList<>(auditLog.recent(Integer.MAX_VALUE));
        Collections.reverse(events);
        return events;
    }

    List<AuditEvent.Type> eventTypes() {
        return events().stream().map(AuditEvent::type).toList();
    }

    @Override
    public void close() {
        database.close();
    }
}
