package dev.tokenscale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark as a user runs it, {@code java -jar tokenscale.jar bench}, on a handful of pools
 * and a short interval: an embedded API server, the emulated fleet, a real Prometheus and the
 * operator in a JVM of its own. The figures it prints must be there and make sense.
 */
class BenchCommandIT {

    private static final int POOLS = 6;
    private static final Pattern ROW = Pattern.compile("^\\s*\\d+\\.\\d\\s+\\d+/\\d+\\s.*");

    @TempDir
    Path dir;

    @Test
    void aShortRunPrintsAPlausibleLinePerIntervalAndASummary() throws IOException, InterruptedException {
        Process bench = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                TokenscaleJar.path().toString(), "bench", "--pools", String.valueOf(POOLS), "--interval", "3s",
                "--minutes", "0.15", "--selector-every", "3", "--out", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("bench.out").toFile()).start();
        boolean ended = bench.waitFor(150, TimeUnit.SECONDS);
        if (!ended) {
            bench.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String out = Files.readString(dir.resolve("bench.out"));
        assertThat(ended).as(out).isTrue();
        assertThat(bench.exitValue()).as(out).isZero();

        assertThat(out).contains("6 InferencePools in 1 namespace, Recommend mode")
                .contains("`tokenscale run` in its own JVM").contains("-XX:MaxRAMPercentage=50")
                .contains("Warm-up: every pool evaluated once");
        List<String[]> rows = out.lines().filter(line -> ROW.matcher(line).matches())
                .map(line -> line.trim().split("\\s+")).toList();
        assertThat(rows).as(out).hasSizeBetween(2, 4);
        int reconciles = 0;
        int queries = 0;
        int mostEvaluated = 0;
        for (String[] row : rows) {
            assertThat(row).as(out).hasSize(18);
            String[] evaluated = row[1].split("/");
            assertThat(evaluated[1]).isEqualTo(String.valueOf(POOLS));
            mostEvaluated = Math.max(mostEvaluated, Integer.parseInt(evaluated[0]));
            assertThat(Integer.parseInt(evaluated[0])).isBetween(0, POOLS);
            assertThat(Integer.parseInt(row[2])).as("late pools").isBetween(0, POOLS);
            reconciles += Integer.parseInt(row[3]);
            assertThat(Integer.parseInt(row[3])).as("reconciles: at most one per pool and second").isBetween(0, 3 * POOLS);
            queries += Integer.parseInt(row[6]);
            for (int verb = 7; verb <= 13; verb++) {
                assertThat(Integer.parseInt(row[verb])).isNotNegative();
            }
            assertThat(Double.parseDouble(row[14])).as("heap MB").isBetween(1.0, 400.0);
            assertThat(Double.parseDouble(row[15])).as("RSS MB").isBetween(20.0, 2000.0);
            assertThat(Double.parseDouble(row[16])).as("CPU cores").isBetween(0.0, 4.0);
        }
        // A loaded machine may delay an evaluation past an interval's end, so no single row must hold every
        // pool; the run as a whole must have evaluated them all, each reading Prometheus.
        assertThat(reconciles).as(out).isGreaterThanOrEqualTo(POOLS);
        assertThat(queries).as("PromQL queries: every evaluation reads Prometheus, " + out).isGreaterThanOrEqualTo(POOLS);
        Matcher summary = Pattern.compile("pools evaluated per interval: min (\\d+), max (\\d+) of (\\d+); late pools: max (\\d+)")
                .matcher(out);
        assertThat(summary.find()).as(out).isTrue();
        assertThat(summary.group(3)).isEqualTo(String.valueOf(POOLS));
        assertThat(Integer.parseInt(summary.group(2))).isLessThanOrEqualTo(mostEvaluated);
        assertThat(out).containsPattern("PromQL queries per interval: mean [0-9.]+, max \\d+")
                .containsPattern("API requests per interval: mean [0-9.]+, max \\d+")
                .containsPattern("operator: heap used max [0-9.]+ MB, RSS max [0-9.]+ MB, CPU mean [0-9.]+ cores");
        assertThat(dir.resolve("operator.log")).content().contains("[Recommend]");
    }
}
