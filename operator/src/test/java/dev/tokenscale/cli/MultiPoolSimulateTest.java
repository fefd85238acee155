package dev.tokenscale.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * simulate with several pools and a budget, on the example of docs/budgets.md: a realtime pool on
 * the seed's day and a batch pool on the same day shifted twelve hours, two days long, under 70% of
 * their combined fixed-slo cost. These are the targets, checked on every build.
 */
class MultiPoolSimulateTest {

    private static final Path EXAMPLES = Path.of("..", "docs", "examples", "budget");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {}

    @Test
    void realtimeKeepsItsSloTheSpendStaysUnderTheBudgetAndBatchWorkDrains() throws IOException {
        Path out = dir.resolve("report");
        Run run = simulate("--pool", example("realtime-pool.yaml"), "--traffic", example("realtime-2days.csv"),
                "--pool", example("batch-pool.yaml"), "--traffic", example("batch-night-2days.csv"),
                "--budget", example("budget.yaml"), "--output", "json", "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = JSON.readTree(run.out());
        JsonNode realtime = report.path("pools").path(0);
        JsonNode batch = report.path("pools").path(1);
        assertThat(realtime.path("name").asText()).isEqualTo("chat-realtime");
        assertThat(realtime.path("sloViolationMinutes").asDouble())
                .isLessThanOrEqualTo(realtime.path("aloneSloViolationMinutes").asDouble());
        assertThat(report.path("budgetPerHour").asDouble()).isEqualTo(294.0);
        assertThat(report.path("maxSpendPerHour").asDouble()).isLessThanOrEqualTo(294.0);
        assertThat(batch.path("priority").asText()).isEqualTo("batch");
        assertThat(batch.path("preemptions").asInt()).isPositive();
        assertThat(batch.path("maxBacklog").asDouble()).isPositive();
        assertThat(batch.path("backlogDrainedAtHour").isNumber()).as("the backlog empties once the budget frees").isTrue();
        assertThat(report.path("totalDailyCost").asDouble()).as("each figure is rounded to the cent on its own")
                .isCloseTo(realtime.path("dailyCost").asDouble() + batch.path("dailyCost").asDouble(), within(0.011));
        assertThat(Files.readString(out.resolve("report.json"))).isEqualTo(run.out().strip());
        assertThat(Files.size(out.resolve("chart.png"))).isGreaterThan(1000);
    }

    @Test
    void eachPoolNeedsItsOwnTraffic() {
        Run run = simulate("--pool", example("realtime-pool.yaml"), "--pool", example("batch-pool.yaml"),
                "--traffic", "seed-diurnal");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--traffic: give one per --pool").contains("2 pools, 1 traffic");
    }

    @Test
    void aBudgetWithNoLimitIsRefusedNamingTheFile() throws IOException {
        Path budget = dir.resolve("budget.yaml");
        Files.writeString(budget, """
                apiVersion: tokenscale.dev/v1alpha1
                kind: InferenceBudget
                metadata:
                  name: empty
                spec: {}
                """);

        Run run = simulate("--pool", example("realtime-pool.yaml"), "--traffic", "seed-diurnal", "--budget", budget.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(budget + ": spec: set maxHourlyCost, maxGPUs or both");
    }

    @Test
    void twoPoolsWithOneNameAreRefused() {
        Run run = simulate("--pool", example("batch-pool.yaml"), "--traffic", "seed-diurnal",
                "--pool", example("batch-pool.yaml"), "--traffic", "seed-diurnal");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("metadata.name: 'batch-summaries' is already the name of another --pool");
    }

    private static String example(String name) {
        return EXAMPLES.resolve(name).toString();
    }

    private static Run simulate(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = TokenscaleCommand.newCommandLine();
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        String[] full = new String[args.length + 1];
        full[0] = "simulate";
        System.arraycopy(args, 0, full, 1, args.length);
        int exitCode = command.execute(full);
        return new Run(exitCode, out.toString(), err.toString());
    }
}
