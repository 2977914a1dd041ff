package dev.influxtokenbot.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An open-loop load client: sends signed commands at a fixed rate whatever the answers do, and
 * measures each acknowledgement from the moment its request was due, so a slow answer cannot hide
 * the requests queued behind it. wrk (Debian's wrk 4) cannot hold a fixed rate; this can.
 *
 * <p>Usage: {@code FixedRate BOT_URL KIND RATE SECONDS WARMUP_SECONDS FAKE_SLACK_URL EXPECT_ANSWERS
 * RESULT_PREFIX}. Prints {@code RESULT_PREFIX.name=value} lines.
 */
public final class FixedRate {
    private static final Duration ANSWER_WAIT = Duration.ofSeconds(30);

    private FixedRate() {}

    public static void main(String[] args) throws Exception {
        URI botUrl = URI.create(args[0]);
        String kind = args[1];
        int rate = Integer.parseInt(args[2]);
        int measured = rate * Integer.parseInt(args[3]);
        int warmup = rate * Integer.parseInt(args[4]);
        String fakeSlack = args[5];
        boolean expectAnswers = Boolean.parseBoolean(args[6]);
        String prefix = args[7];

        String responsePrefix = "rate_" + prefix.replaceAll("[^A-Za-z0-9]", "_") + "_" + kind;
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < warmup + measured; i++) {
            String responseUrl = fakeSlack + "/response/" + responsePrefix + "-" + i;
            requests.add(SignedRequests.command(kind, i, responseUrl).toRequest(botUrl));
        }

        Run run = new Run(requests, warmup, rate);
        run.start();
        print(prefix, "rate_per_s", Integer.toString(rate));
        print(prefix, "sent", Integer.toString(measured));
        print(prefix, "not_200", Long.toString(run.failures.get()));
        Latencies latencies = new Latencies(run.latencies);
        print(prefix, "p50_ms", Latencies.millis(latencies.percentile(50)));
        print(prefix, "p99_ms", Latencies.millis(latencies.percentile(99)));
        print(prefix, "max_ms", Latencies.millis(latencies.max()));
        if (expectAnswers) {
            long answered = awaitAnswers(fakeSlack, responsePrefix, warmup + measured);
            print(prefix, "answered", answered + "/" + (warmup + measured));
        }
    }

    /** Sends every request on schedule; keeps the latencies of those after the warm-up. */
    private static final class Run {
        private final List<HttpRequest> requests;
        private final int warmup;
        private final long periodNanos;
        private final long[] latencies;
        private final AtomicLong failures = new AtomicLong();
        private final AtomicInteger next = new AtomicInteger();
        private final CountDownLatch done;
        private final HttpClient http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5))
                        .executor(Executors.newFixedThreadPool(2, Run::daemon))
                        .build();

        Run(List<HttpRequest> requests, int warmup, int rate) {
            this.requests = requests;
            this.warmup = warmup;
            this.periodNanos = 1_000_000_000L / rate;
            this.latencies = new long[requests.size() - warmup];
            this.done = new CountDownLatch(requests.size());
        }

        void start() throws InterruptedException {
            ScheduledExecutorService scheduler =
                    Executors.newSingleThreadScheduledExecutor(Run::daemon);
            long first = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
            ScheduledFuture<?> sending =
                    scheduler.scheduleAtFixedRate(
                            () -> send(first),
                            first - System.nanoTime(),
                            periodNanos,
                            TimeUnit.NANOSECONDS);
            long budget = periodNanos * requests.size() + ANSWER_WAIT.toNanos();
            boolean finished = done.await(budget, TimeUnit.NANOSECONDS);
            sending.cancel(false);
            scheduler.shutdownNow();
            if (!finished) {
                throw new IllegalStateException(
                        done.getCount() + " requests were not answered in time");
            }
        }

        private void send(long first) {
            int i = next.getAndIncrement();
            if (i >= requests.size()) {
                return;
            }
            long due = first + i * periodNanos;
            http.sendAsync(requests.get(i), HttpResponse.BodyHandlers.discarding())
                    .whenComplete(
                            (response, error) -> {
                                long latency = System.nanoTime() - due;
                                if (i >= warmup) {
                                    latencies[i - warmup] = latency;
                                    if (error != null || response.statusCode() != 200) {
                                        failures.incrementAndGet();
                                    }
                                }
                                done.countDown();
                            });
        }

        private static Thread daemon(Runnable runnable) {
            Thread thread = new Thread(runnable, "fixed-rate");
            thread.setDaemon(true);
            return thread;
        }
    }

    /** Waits until the fake Slack got {@code expected} later answers, or gives up. */
    private static long awaitAnswers(String fakeSlack, String responsePrefix, int expected)
            throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest count =
                HttpRequest.newBuilder(URI.create(fakeSlack + "/bench/count/" + responsePrefix))
                        .build();
        long deadline = System.nanoTime() + ANSWER_WAIT.toNanos();
        long answered = 0;
        while (System.nanoTime() < deadline) {
            answered =
                    Long.parseLong(http.send(count, HttpResponse.BodyHandlers.ofString()).body());
            if (answered >= expected) {
                break;
            }
            Thread.sleep(100);
        }
        return answered;
    }

    private static void print(String prefix, String name, String value) {
        System.out.println(prefix + "." + name + "=" + value);
    }
}
