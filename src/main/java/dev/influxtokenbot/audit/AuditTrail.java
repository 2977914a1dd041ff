package dev.influxtokenbot.audit;

import dev.influxtokenbot.revocation.AuditEvent;
import dev.influxtokenbot.revocation.AuditLog;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail as the bot keeps it: each event is stored first, then written to the log as one
 * structured line, then handed to a listener (such as the audit channel). Only storing can fail a
 * revoke; a listener that fails is logged and never undoes anything.
 */
public final class AuditTrail implements AuditLog {
    private static final Logger log = LoggerFactory.getLogger("audit");

    private final AuditLog stored;
    private final Consumer<AuditEvent> listener;

    public AuditTrail(AuditLog stored, Consumer<AuditEvent> listener) {
        this.stored = Objects.requireNonNull(stored, "stored");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public void record(AuditEvent event) {
        stored.record(event);
        log.info(line(event));
        try {
            listener.accept(event);
        } catch (RuntimeException e) {
            log.warn(
                    "event={} requestId={} listener=failed",
                    event.type().label(),
                    event.requestId(),
                    e);
        }
    }

    @Override
    public List<AuditEvent> recent(int count) {
        return stored.recent(count);
    }

    /** The event as {@code key=value} pairs; text written by people is quoted and flattened. */
    static String line(AuditEvent event) {
        StringBuilder line = new StringBuilder();
        line.append("event=").append(event.type().label());
        line.append(" at=").append(event.at());
        line.append(" actor=").append(event.actor());
        line.append(" requester=").append(orDash(event.requester()));
        line.append(" clusterId=").append(event.clusterId());
        line.append(" tokenId=").append(orDash(event.tokenId()));
        line.append(" requestId=").append(orDash(event.requestId()));
        line.append(" outcome=").append(event.outcome().isEmpty() ? "-" : event.outcome());
        line.append(" apiStatus=").append(orDash(event.apiStatus()));
        line.append(" description=").append(quoted(event.tokenDescription()));
        line.append(" reason=").append(quoted(event.reason()));
        return line.toString();
    }

    private static String orDash(Object value) {
        return value == null ? "-" : value.toString();
    }

    /** A quoted value that cannot end the quote or start a new log line. */
    static String quoted(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        text.codePoints()
                .forEach(
                        codePoint -> {
                            if (codePoint == '"' || codePoint == '\\') {
                                quoted.append('\\').appendCodePoint(codePoint);
                            } else if (Character.isISOControl(codePoint)) {
                                quoted.append(' ');
                            } else {
                                quoted.appendCodePoint(codePoint);
                            }
                        });
        return quoted.append('"').toString();
    }
}
