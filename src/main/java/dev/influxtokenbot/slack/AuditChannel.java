package dev.influxtokenbot.slack;

import dev.influxtokenbot.revocation.AuditEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts each audit event as a short message in the audit channel. Posting happens on a thread of
 * its own, in order, with retries: a slow or failing Slack never holds up, or undoes, a revoke.
 * What cannot be posted is logged; the stored audit trail has it regardless.
 */
final class AuditChannel implements Consumer<AuditEvent> {
    private static final Logger log = LoggerFactory.getLogger(AuditChannel.class);

    private final SlackMessenger messenger;
    private final String channelId;
    private final ThreadPoolExecutor poster =
            new ThreadPoolExecutor(
                    1,
                    1,
                    0,
                    TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(1000),
                    runnable -> new Thread(runnable, "audit-channel"));

    AuditChannel(SlackMessenger messenger, String channelId) {
        this.messenger = messenger;
        this.channelId = channelId;
    }

    @Override
    public void accept(AuditEvent event) {
        try {
            poster.execute(() -> post(event));
        } catch (RejectedExecutionException e) {
            log.warn(
                    "event={} requestId={} outcome=not_posted reason=queue_full: the audit channel"
                            + " misses this event; the stored audit trail has it",
                    event.type().label(),
                    event.requestId());
        }
    }

    private void post(AuditEvent event) {
        String text = TrailText.auditLine(event).substring(2);
        SlackMessenger.Posted posted =
                messenger.post(channelId, Reply.of(text, List.of(Texts.section(text))), null);
        if (!posted.isPosted()) {
            log.warn(
                    "event={} requestId={} outcome=not_posted error={}: the audit channel misses"
                            + " this event; the stored audit trail has it",
                    event.type().label(),
                    event.requestId(),
                    posted.error());
        }
    }

    /** Posts what is queued, waiting up to {@code grace}. */
    void shutdown(Duration grace) {
        poster.shutdown();
        try {
            if (!poster.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn(
                        "{} audit events were not posted before shutdown",
                        poster.getQueue().size());
                poster.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            poster.shutdownNow();
        }
    }
}
