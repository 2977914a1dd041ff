package dev.influxtokenbot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchReportTest {
    @Test
    void median_evenCount_averagesTheMiddleTwo() {
        assertThat(BenchReport.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    }

    @Test
    void percentile_nearestRank_takesTheSampleAtOrAboveTheRank() {
        Latencies latencies = new Latencies(new long[] {5, 1, 4, 2, 3, 6, 8, 7, 10, 9});

        assertThat(latencies.percentile(50)).isEqualTo(5);
        assertThat(latencies.percentile(99)).isEqualTo(10);
        assertThat(latencies.max()).isEqualTo(10);
    }

    @Test
    void render_everyTargetMet_saysSo() {
        String report = new BenchReport(BenchReport.Results.parse(results(18000, 210))).render();

        assertThat(report).doesNotContain("**missed**").contains("Every target was met");
    }

    @Test
    void render_throughputAndMemoryMissed_marksThemAndSaysWhyWithTheFigures() {
        String report = new BenchReport(BenchReport.Results.parse(results(12000, 300))).render();

        assertThat(report)
                .contains(
                        "| `help` throughput at least 80% of the Bolt for Java floor's | 12,000/s ="
                                + " 60% of 20,000/s | 75% of the minimum | **missed** |")
                .contains(
                        "| peak RSS within 1.25× the Bolt for Java floor's | 300 MB = 1.43× 210 MB")
                .contains("### Where a target is missed, and why")
                .contains("the bot spent 50 µs of CPU per answer, the floor 40 µs")
                .contains("with 60 threads against 50");
    }

    /** A run in which the floors did 20,000/s and 7,000/s and the bot as given. */
    private static String results(int botRate, int botMegabytes) {
        StringBuilder lines = new StringBuilder("config.rate=200\nconfig.starts=1\n");
        app(lines, "bot", botRate, botMegabytes, 60);
        app(lines, "bolt_java", 20000, 210, 50);
        app(lines, "bolt_js", 7000, 150, 7);
        lines.append("bot.rate_list.answered=3400/3400\nbot.rate_revoke.answered=3400/3400\n");
        lines.append("bot.click.p50_ms=1.5\nbot.click.p90_ms=2.5\nbot.click.ack_p50_ms=1.0\n");
        lines.append("bot.out_of_memory=0\n");
        return lines.toString();
    }

    private static void app(StringBuilder lines, String app, int rate, int megabytes, int threads) {
        lines.append(app + ".help.1.rps=" + rate + "\n");
        lines.append(app + ".help.1.not_2xx=0\n" + app + ".help.1.socket_errors=0\n");
        lines.append(app + ".help.1.cpu_us_per_request=" + (app.equals("bot") ? 50 : 40) + "\n");
        for (String kind : List.of("help", "list", "revoke")) {
            lines.append(app + ".rate_" + kind + ".p99_ms=4.0\n");
            lines.append(app + ".rate_" + kind + ".not_200=0\n");
        }
        lines.append(app + ".ready_ms.1=800\n");
        lines.append(app + ".vmhwm_kb=" + megabytes * 1024 + "\n");
        lines.append(app + ".threads=" + threads + "\n");
    }
}
