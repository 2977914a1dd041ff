package dev.influxtokenbot.slack;

import dev.influxtokenbot.revocation.ApprovalMode;
import dev.influxtokenbot.revocation.Housekeeping;
import dev.influxtokenbot.revocation.Outcome;
import dev.influxtokenbot.revocation.StoredRequest;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link Housekeeping} at startup and then at a fixed interval, and shows what it did in
 * Slack: an expired request for approval says so in its channel message, and so does a revoke
 * settled after a restart.
 */
final class HousekeepingJob {
    private static final Logger log = LoggerFactory.getLogger(HousekeepingJob.class);

    private final Housekeeping housekeeping;
    private final Approvals approvals;
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(
                    runnable -> {
                        Thread thread = new Thread(runnable, "housekeeping");
                        thread.setDaemon(true);
                        return thread;
                    });

    HousekeepingJob(Housekeeping housekeeping, Approvals approvals) {
        this.housekeeping = housekeeping;
        this.approvals = approvals;
    }

    void start(Duration interval) {
        scheduler.scheduleWithFixedDelay(
                this::runOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void runOnce() {
        try {
            for (StoredRequest expired : housekeeping.expireDue()) {
                if (expired.request().mode() == ApprovalMode.TWO_PERSON) {
                    approvals.settle(expired.id(), new Outcome.Expired(expired.request(), true));
                }
            }
            for (Housekeeping.Settled settled : housekeeping.settleAbandoned()) {
                approvals.settle(settled.request().id(), settled.outcome());
            }
        } catch (RuntimeException e) {
            log.error("Housekeeping failed; it runs again at the next interval", e);
        }
    }

    void stop() {
        scheduler.shutdownNow();
    }
}
