package dev.influxtokenbot.revocation;

import java.util.List;

/**
 * The append-only audit trail. {@link #record} returns once the event is stored: the event of a
 * revoke is recorded before the revoke is sent, and its outcome after.
 */
public interface AuditLog {

    void record(AuditEvent event);

    /** The last {@code count} events, newest first. */
    List<AuditEvent> recent(int count);
}
