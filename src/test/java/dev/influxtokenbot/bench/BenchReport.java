package dev.influxtokenbot.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Writes BENCHMARKS.md from the {@code NAME=value} lines that {@code bench/run} collected: the
 * machine, the figures of the bot and both floors with the bot's ratios to them, and each target
 * met or missed, with the figures that explain a miss.
 *
 * <p>Usage: {@code BenchReport RESULTS_FILE REPORT_FILE}.
 */
public final class BenchReport {
    static final String BOT = "bot";
    static final String JAVA = "bolt_java";
    static final String JS = "bolt_js";

    private final Results results;
    private final StringBuilder out = new StringBuilder();
    private final List<String> misses = new ArrayList<>();

    BenchReport(Results results) {
        this.results = results;
    }

    public static void main(String[] args) throws IOException {
        Results results = Results.parse(Files.readString(Path.of(args[0])));
        Files.writeString(
                Path.of(args[1]), new BenchReport(results).render(), StandardCharsets.UTF_8);
    }

    String render() {
        intro();
        machine();
        figures();
        targets();
        return out.toString();
    }

    // ---- sections ----

    private void intro() {
        line("# Benchmarks");
        line("");
        line(
                "Written by `bench/run` on "
                        + results.text("machine.date")
                        + ". Rerun that one command to measure again; it rewrites this file."
                        + " [bench/README.md](bench/README.md) says how each figure is measured.");
        line("");
        line(
                "The bot (`target/influx-token-bot.jar`, `-Xmx128m`) is measured against two floors"
                    + " under the same load in the same run: a bare Bolt for Java 1.51.0 app on"
                    + " Jetty 12 (`bench/bolt-java`, `-Xmx128m`) and a bare Bolt for JavaScript "
                        + results.text("machine.bolt_js")
                        + " app (`bench/bolt-js`). Both floors only acknowledge. Everything runs on"
                        + " 127.0.0.1 against the benchmark's fake Slack and fake Management API ("
                        + results.text("config.tokens")
                        + " database tokens), each in a process of its own.");
        line("");
    }

    private void machine() {
        line("## Machine");
        line("");
        line("| | |");
        line("| --- | --- |");
        row("command", "`bench/run`");
        row("date (UTC)", results.text("machine.date"));
        row(
                "cores, memory",
                results.text("machine.cores")
                        + " cores, "
                        + results.text("machine.memory_mb")
                        + " MB");
        row("CPU", results.text("machine.cpu"));
        row("OS", results.text("machine.os"));
        row("Java", results.text("machine.java") + "; " + results.text("machine.java_vm"));
        row("Node", results.text("machine.node"));
        row("wrk", results.text("machine.wrk") + " (Debian's package)");
        row("bot commit", "`" + results.text("machine.commit") + "`");
        row(
                "load average before; after",
                results.text("machine.load_before")
                        + "; "
                        + results.text("machine.load_after")
                        + " (the machine is shared: other builds may have run alongside)");
        row(
                "CPU pressure before; after",
                results.text("machine.cpu_pressure_before")
                        + "%; "
                        + results.text("machine.cpu_pressure_after")
                        + "% of the last minute with a runnable task waiting for a core");
        line("");
    }

    private void figures() {
        line("## Figures");
        line("");
        line(
                "`help` at max rate: wrk, "
                        + results.text("config.wrk_threads")
                        + " threads, "
                        + results.text("config.connections")
                        + " connections, "
                        + results.text("config.rounds")
                        + " rounds of "
                        + results.text("config.help_seconds")
                        + " s after a "
                        + results.text("config.warmup_seconds")
                        + " s warm-up, a different app first in each round; medians of the rounds"
                        + " (max: the worst round). Fixed rate: an open-loop Java client at "
                        + results.text("config.rate")
                        + " commands/s for "
                        + results.text("config.rate_seconds")
                        + " s after 2 s of warm-up, latency counted from when each request was"
                        + " due. Ratios are bot ÷ floor.");
        line("");
        line("| figure | bot | Bolt for Java floor | Bolt for JS floor | bot ÷ Java | bot ÷ JS |");
        line("| --- | --: | --: | --: | --: | --: |");
        compared("`help` at max rate: acknowledged/s", this::helpRate, "%,.0f");
        compared("`help` at max rate: p50 ms", app -> helpMedian(app, "p50_ms"), "%.2f");
        compared("`help` at max rate: p99 ms", app -> helpMedian(app, "p99_ms"), "%.2f");
        compared("`help` at max rate: max ms", app -> helpWorst(app, "max_ms"), "%.1f");
        compared(
                "`help` at max rate: bytes per answer",
                app -> helpMedian(app, "bytes_per_answer"),
                "%.0f");
        compared(
                "`help` at max rate: CPU µs per answer",
                app -> helpMedian(app, "cpu_us_per_request"),
                "%.0f");
        for (String kind : List.of("help", "list", "revoke")) {
            String name = kind.equals("revoke") ? "`revoke <id>`" : "`" + kind + "`";
            compared(name + " at 200/s: p50 ms", app -> rate(app, kind, "p50_ms"), "%.2f");
            compared(name + " at 200/s: p99 ms", app -> rate(app, kind, "p99_ms"), "%.2f");
            compared(name + " at 200/s: max ms", app -> rate(app, kind, "max_ms"), "%.1f");
            compared(
                    name + " at 200/s: CPU ms per command",
                    app -> rate(app, kind, "cpu_ms_per_request"),
                    "%.2f");
        }
        botOnly(
                "`list` / `revoke` at 200/s: later answers posted to response_url",
                results.text("bot.rate_list.answered")
                        + " / "
                        + results.text("bot.rate_revoke.answered"));
        botOnly(
                "confirmed click to DELETE: median (p90, max) ms, "
                        + results.text("bot.click.clicks")
                        + " clicks",
                format("%.2f", results.number("bot.click.p50_ms"))
                        + " ("
                        + format("%.2f", results.number("bot.click.p90_ms"))
                        + ", "
                        + format("%.1f", results.number("bot.click.max_ms"))
                        + ")");
        compared("ready: launch to 200 on `/health`, median ms", this::ready, "%.0f");
        compared("peak resident memory (VmHWM), MB", this::peakMegabytes, "%.0f");
        compared("threads at the end", app -> results.number(app + ".threads"), "%.0f");
        javaOnly("heap committed at the end, MB", app -> kilo(app + ".heap_committed_kb"));
        javaOnly(
                "metaspace committed at the end, MB", app -> kilo(app + ".metaspace_committed_kb"));
        javaOnly("JIT code cache used at the end, MB", app -> kilo(app + ".code_cache_used_kb"));
        javaOnly("the rest of the resident memory at the end, MB", this::otherMegabytes);
        javaOnly("classes loaded", app -> results.number(app + ".loaded_classes"));
        compared("failed requests (non-2xx, socket errors)", this::failures, "%.0f");
        line("");
        line(
                "Ready times of each start (ms): "
                        + String.join("; ", apps(app -> app + " " + readyTimes(app))));
        line("");
        line(
                "`help` acknowledged/s in each round: "
                        + String.join("; ", apps(app -> app + " " + helpRounds(app))));
        line("");
    }

    private void targets() {
        line("## Targets");
        line("");
        line("| target | measured | against the limit | result |");
        line("| --- | --- | --- | --- |");
        double bot = helpRate(BOT);
        double java = helpRate(JAVA);
        double js = helpRate(JS);
        target(
                "`help` throughput at least 80% of the Bolt for Java floor's",
                format("%,.0f/s = %.0f%% of %,.0f/s", bot, 100 * bot / java, java),
                above(bot, 0.8 * java),
                bot >= 0.8 * java,
                throughputWhy(JAVA, "the Bolt for Java floor"));
        target(
                "`help` throughput at least twice Bolt for JavaScript's",
                format("%,.0f/s = %.2f× %,.0f/s", bot, bot / js, js),
                above(bot, 2 * js),
                bot >= 2 * js,
                throughputWhy(JS, "the Bolt for JavaScript floor"));
        for (String kind : List.of("help", "list", "revoke")) {
            double p99 = rate(BOT, kind, "p99_ms");
            boolean complete = rate(BOT, kind, "not_200") == 0 && answeredAll(kind);
            target(
                    "`" + kind + "` p99 under 20 ms at a fixed 200 commands/s",
                    format("p99 %.2f ms", p99) + (complete ? "" : ", with failed requests"),
                    below(p99, 20),
                    p99 < 20 && complete,
                    rateWhy(kind));
        }
        double click = results.number("bot.click.p50_ms");
        target(
                "a confirmed click reaches the Management API in under 5 ms at the median",
                format("%.2f ms", click),
                below(click, 5),
                click < 5,
                format(
                        "The median click took %.2f ms to reach the fake Management API (p90"
                                + " %.2f ms); the click's own acknowledgement came back after"
                                + " %.2f ms at the median. The DELETE is sent by a worker thread"
                                + " after Bolt has parsed the click's JSON payload and the"
                                + " request store has moved the request to revoking.",
                        click,
                        results.number("bot.click.p90_ms"),
                        results.number("bot.click.ack_p50_ms")));
        double ready = ready(BOT);
        target(
                "ready in under 1.5 s",
                format("%.0f ms (median of %s starts)", ready, results.text("config.starts")),
                below(ready, 1500),
                ready < 1500,
                format(
                        "The bot's starts took %s ms; the Bolt for Java floor's %s ms. The bot"
                                + " loads %,.0f classes, the floor %,.0f, and both check the"
                                + " bot token with auth.test before they serve.",
                        readyTimes(BOT),
                        readyTimes(JAVA),
                        results.number("bot.loaded_classes"),
                        results.number("bolt_java.loaded_classes")));
        boolean served = failures(BOT) == 0 && results.number("bot.out_of_memory") == 0;
        target(
                "the whole load served under `-Xmx128m`",
                served ? "no OutOfMemoryError, no failed request" : "failures under load",
                "–",
                served,
                format(
                        "%.0f requests failed and the log shows %.0f OutOfMemoryError(s).",
                        failures(BOT), results.number("bot.out_of_memory")));
        double rss = peakMegabytes(BOT);
        double floorRss = peakMegabytes(JAVA);
        target(
                "peak RSS within 1.25× the Bolt for Java floor's",
                format("%.0f MB = %.2f× %.0f MB", rss, rss / floorRss, floorRss),
                below(rss, 1.25 * floorRss),
                rss <= 1.25 * floorRss,
                memoryWhy());
        line("");
        if (misses.isEmpty()) {
            line("Every target was met in this run.");
        } else {
            line("### Where a target is missed, and why");
            line("");
            misses.forEach(miss -> line("- " + miss));
        }
        line("");
    }

    // ---- explanations of a miss, from this run's own figures ----

    private String throughputWhy(String floor, String floorName) {
        return format(
                "The bot acknowledged %,.0f `help`/s, %s %,.0f/s; per round %s against %s. Each"
                        + " answer of the bot is the usage message, %.0f bytes of Block Kit JSON"
                        + " that Bolt serializes on every request, where the floor answers"
                        + " with %.0f bytes; the bot spent %.0f µs of CPU per answer, the floor"
                        + " %.0f µs. wrk, the fakes and other builds share the same 2 cores"
                        + " (load average %s before, %s after; a task waited for a core %s%% of"
                        + " the minute before the end).",
                helpRate(BOT),
                floorName,
                helpRate(floor),
                helpRounds(BOT),
                helpRounds(floor),
                helpMedian(BOT, "bytes_per_answer"),
                helpMedian(floor, "bytes_per_answer"),
                helpMedian(BOT, "cpu_us_per_request"),
                helpMedian(floor, "cpu_us_per_request"),
                results.text("machine.load_before"),
                results.text("machine.load_after"),
                results.text("machine.cpu_pressure_after"));
    }

    private String rateWhy(String kind) {
        String answered =
                kind.equals("help")
                        ? ""
                        : " Later answers posted: "
                                + results.text("bot.rate_" + kind + ".answered")
                                + "; fewer than sent means the work queue was full and the bot"
                                + " answered \"busy\".";
        return format(
                "At 200 `%s`/s the bot's p50 was %.2f ms, p99 %.2f ms, max %.1f ms, with %.0f"
                        + " non-200 answers; it spent %.2f ms of CPU per command (the Bolt for"
                        + " Java floor %.2f ms), %.0f%% of one core at this rate, on 2 cores"
                        + " shared with the load client, the fakes and other builds (a task waited"
                        + " for a core %s%% of the minute before the end).%s",
                kind,
                rate(BOT, kind, "p50_ms"),
                rate(BOT, kind, "p99_ms"),
                rate(BOT, kind, "max_ms"),
                rate(BOT, kind, "not_200"),
                rate(BOT, kind, "cpu_ms_per_request"),
                rate(JAVA, kind, "cpu_ms_per_request"),
                rate(BOT, kind, "cpu_ms_per_request") * results.number("config.rate") / 10,
                results.text("machine.cpu_pressure_after"),
                answered);
    }

    private String memoryWhy() {
        return format(
                "At the end the bot's resident memory was %.0f MB against the floor's %.0f MB:"
                        + " heap committed %.0f MB against %.0f MB, metaspace %.0f MB against"
                        + " %.0f MB (%,.0f classes loaded against %,.0f), JIT code %.0f MB against"
                        + " %.0f MB, and %.0f MB against %.0f MB for the rest (thread stacks,"
                        + " the collector's own structures, buffers, malloc), with %.0f threads"
                        + " against %.0f. The bot's heap is the smaller; its extra memory is"
                        + " outside the heap, where -Xmx does not reach.",
                kilo("bot.vmrss_kb"),
                kilo("bolt_java.vmrss_kb"),
                kilo("bot.heap_committed_kb"),
                kilo("bolt_java.heap_committed_kb"),
                kilo("bot.metaspace_committed_kb"),
                kilo("bolt_java.metaspace_committed_kb"),
                results.number("bot.loaded_classes"),
                results.number("bolt_java.loaded_classes"),
                kilo("bot.code_cache_used_kb"),
                kilo("bolt_java.code_cache_used_kb"),
                otherMegabytes(BOT),
                otherMegabytes(JAVA),
                results.number("bot.threads"),
                results.number("bolt_java.threads"));
    }

    // ---- figures of one app ----

    private double helpRate(String app) {
        return helpMedian(app, "rps");
    }

    private double helpMedian(String app, String name) {
        return median(helpValues(app, name));
    }

    private double helpWorst(String app, String name) {
        return helpValues(app, name).stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    private List<Double> helpValues(String app, String name) {
        List<Double> values = new ArrayList<>();
        for (int round = 1; results.has(app + ".help." + round + "." + name); round++) {
            values.add(results.number(app + ".help." + round + "." + name));
        }
        return values;
    }

    private String helpRounds(String app) {
        return String.join(
                ", ",
                helpValues(app, "rps").stream().map(value -> format("%,.0f", value)).toList());
    }

    private double rate(String app, String kind, String name) {
        return results.number(app + ".rate_" + kind + "." + name);
    }

    private boolean answeredAll(String kind) {
        if (kind.equals("help")) {
            return true;
        }
        String[] answered = results.text("bot.rate_" + kind + ".answered").split("/");
        return answered.length == 2 && answered[0].equals(answered[1]);
    }

    private double ready(String app) {
        return median(readyValues(app));
    }

    private List<Double> readyValues(String app) {
        List<Double> values = new ArrayList<>();
        for (int start = 1; results.has(app + ".ready_ms." + start); start++) {
            values.add(results.number(app + ".ready_ms." + start));
        }
        return values;
    }

    private String readyTimes(String app) {
        return String.join(
                ", ", readyValues(app).stream().map(value -> format("%.0f", value)).toList());
    }

    private double peakMegabytes(String app) {
        return kilo(app + ".vmhwm_kb");
    }

    /** Resident memory at the end outside the heap, metaspace and JIT code. */
    private double otherMegabytes(String app) {
        return kilo(app + ".vmrss_kb")
                - kilo(app + ".heap_committed_kb")
                - kilo(app + ".metaspace_committed_kb")
                - kilo(app + ".code_cache_used_kb");
    }

    private double kilo(String key) {
        return results.number(key) / 1024;
    }

    private double failures(String app) {
        double failed = 0;
        for (String name : List.of("not_2xx", "socket_errors")) {
            failed += helpValues(app, name).stream().mapToDouble(Double::doubleValue).sum();
        }
        for (String kind : List.of("help", "list", "revoke")) {
            failed += rate(app, kind, "not_200");
        }
        return failed;
    }

    // ---- table rows ----

    private void compared(String figure, ToDoubleFunction<String> value, String pattern) {
        double bot = value.applyAsDouble(BOT);
        double java = value.applyAsDouble(JAVA);
        double js = value.applyAsDouble(JS);
        line(
                "| "
                        + figure
                        + " | "
                        + format(pattern, bot)
                        + " | "
                        + format(pattern, java)
                        + " | "
                        + format(pattern, js)
                        + " | "
                        + ratio(bot, java)
                        + " | "
                        + ratio(bot, js)
                        + " |");
    }

    private void javaOnly(String figure, ToDoubleFunction<String> value) {
        double bot = value.applyAsDouble(BOT);
        double java = value.applyAsDouble(JAVA);
        line(
                "| "
                        + figure
                        + " | "
                        + format("%,.0f", bot)
                        + " | "
                        + format("%,.0f", java)
                        + " | – | "
                        + ratio(bot, java)
                        + " | – |");
    }

    private void botOnly(String figure, String value) {
        line("| " + figure + " | " + value + " | – | – | – | – |");
    }

    private void target(
            String target, String measured, String againstLimit, boolean met, String why) {
        String result = met ? "met" : "**missed**";
        line("| " + target + " | " + measured + " | " + againstLimit + " | " + result + " |");
        if (!met) {
            misses.add(target + ": " + why);
        }
    }

    private void row(String name, String value) {
        line("| " + name + " | " + value + " |");
    }

    private List<String> apps(java.util.function.Function<String, String> each) {
        return List.of(BOT, JAVA, JS).stream().map(each).toList();
    }

    private void line(String text) {
        out.append(text).append('\n');
    }

    /** How far a figure that must stay under {@code limit} has gone towards it. */
    private static String below(double value, double limit) {
        return format("%.0f%% of the maximum", 100 * value / limit);
    }

    /** How far a figure that must reach {@code minimum} is above it. */
    private static String above(double value, double minimum) {
        return format("%.0f%% of the minimum", 100 * value / minimum);
    }

    private static String ratio(double bot, double floor) {
        return floor == 0 ? "–" : format("%.2f", bot / floor);
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1
                ? sorted.get(middle)
                : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }

    /** The {@code NAME=value} lines of one run; a missing figure reads as NaN, not as zero. */
    record Results(Map<String, String> values) {
        static Results parse(String text) {
            Map<String, String> values = new LinkedHashMap<>();
            for (String line : text.split("\n")) {
                int equals = line.indexOf('=');
                if (equals > 0) {
                    values.put(line.substring(0, equals).strip(), line.substring(equals + 1));
                }
            }
            return new Results(values);
        }

        boolean has(String key) {
            return values.containsKey(key);
        }

        String text(String key) {
            return values.getOrDefault(key, "?");
        }

        double number(String key) {
            try {
                return Double.parseDouble(values.get(key));
            } catch (NullPointerException | NumberFormatException e) {
                return Double.NaN;
            }
        }
    }
}
