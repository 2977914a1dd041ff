package dev.influxtokenbot.slack;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs what follows an acknowledgement. Slack waits only 3 seconds for the acknowledgement, so
 * anything that calls InfluxDB runs here and answers through {@code response_url}. Its threads and
 * queue are bounded: a flood of commands is refused at the door rather than piling up.
 */
final class Worker {
    private static final Logger log = LoggerFactory.getLogger(Worker.class);

    private final ExecutorService executor;

    Worker(int threads, int queueCapacity) {
        AtomicInteger count = new AtomicInteger();
        this.executor =
                new ThreadPoolExecutor(
                        threads,
                        threads,
                        0,
                        TimeUnit.SECONDS,
                        new ArrayBlockingQueue<>(queueCapacity),
                        runnable -> new Thread(runnable, "worker-" + count.incrementAndGet()));
    }

    /**
     * Queues work whose reply goes to {@code responder}. Whatever the work throws becomes a short
     * message for the user and a log line with the detail.
     *
     * @return false when the queue is full and the work was not taken
     */
    boolean answer(String action, Responder responder, Supplier<Reply> work, Reply onError) {
        try {
            executor.execute(() -> deliver(action, responder, replyOf(action, work, onError)));
            return true;
        } catch (RejectedExecutionException e) {
            log.warn(
                    "action={} outcome=busy: the work queue is full; the user was asked to try"
                            + " again",
                    action);
            return false;
        }
    }

    private static Reply replyOf(String action, Supplier<Reply> work, Reply onError) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            log.error("action={} outcome=internal_error", action, e);
            return onError;
        }
    }

    private static void deliver(String action, Responder responder, Reply reply) {
        if (!reply.isNone()) {
            responder.send(action, reply);
        }
    }

    /** Stops taking work and waits up to {@code grace} for queued work to finish. */
    void shutdown(Duration grace) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn(
                        "Work still running after {} s is being stopped; revokes already sent"
                                + " are settled at the next start",
                        grace.toSeconds());
                executor.shutdownNow();
                executor.awaitTermination(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }
}
