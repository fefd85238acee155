package dev.tokenscale.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenscale.cost.SavingsAnalysis;
import dev.tokenscale.cost.TrafficHour;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class SimulateCommandTest {

    private static final Path EXAMPLE = PoolFileTest.EXAMPLE;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {}

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

    private static JsonNode named(JsonNode report, String name) {
        for (JsonNode strategy : report.get("strategies")) {
            if (strategy.get("name").asText().equals(name)) {
                return strategy;
            }
        }
        throw new AssertionError("no strategy " + name + " in " + report.get("strategies"));
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void printsTheSeedStyleTableForTheBuiltInDayOnTheShippedPool() {
        Run run = simulate("--traffic", "seed-diurnal", "--pool", EXAMPLE.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("Replayed seed-diurnal (24 h) through pool llama-3-1-70b at 15s steps, 5,760 steps per strategy.")
                .contains("$16.80 per replica-hour (8 GPUs x $2.00/GPU-h + 5% overhead)")
                .contains("Daily cost", "Peak", "Avg replicas", "Off-peak waste", "Savings", "SLO violation min", "Scale events");
        assertThat(run.out()).contains("vs fixed-slo");
        List<String> rows = run.out().lines().filter(line -> line.matches("^(fixed-\\S+|reactive|adaptive|oracle) .*")).toList();
        assertThat(rows).extracting(line -> line.split(" ")[0])
                .containsSubsequence("fixed-peak", "fixed-average", "fixed-slo", "reactive", "adaptive", "oracle");
        assertThat(rows.get(0)).contains("$4,032.00", " 10 ");
        assertThat(rows.get(2)).as("14 replicas all day at $16.80").contains("$5,644.80", " 14 ");
    }

    @Test
    void jsonOutputHasEveryStrategyByNameAndAStepSeries() throws IOException {
        Run run = simulate("--traffic", "seed-diurnal", "--pool", EXAMPLE.toString(), "--output", "json");

        assertThat(run.exitCode()).isZero();
        JsonNode json = JSON.readTree(run.out());
        List<String> names = new ArrayList<>();
        for (JsonNode strategy : json.get("strategies")) {
            names.add(strategy.get("name").asText());
            assertThat(strategy.fieldNames()).toIterable().contains("name", "dailyCost", "peakReplicas",
                    "averageReplicas", "savingsPercent", "savingsVsFixedSloPercent", "sloViolationMinutes", "scaleEvents");
            assertThat(strategy.get("dailyCost").isNumber()).isTrue();
        }
        assertThat(names).containsSubsequence("fixed-peak", "fixed-average", "fixed-slo", "reactive", "adaptive", "oracle");
        assertThat(json.get("series").get("rps")).hasSize(5760);
        assertThat(json.get("series").get("strategies").get("reactive").get("replicas")).hasSize(5760);
        assertThat(named(json, "oracle").get("dailyCost").asDouble())
                .as("the oracle is the cheapest way to the SLO, cheaper than the reactive policy")
                .isLessThan(named(json, "reactive").get("dailyCost").asDouble());
    }

    @Test
    void noiseAndDriftAreNamedInTheHeaderAndTheReportAndRepeatExactlyForASeed() throws IOException {
        Run noisy = simulate("--traffic", "seed-diurnal", "--pool", EXAMPLE.toString(), "--noise", "10",
                "--capacity-drift", "20", "--seed", "4");
        Run again = simulate("--traffic", "seed-diurnal", "--pool", EXAMPLE.toString(), "--noise", "10",
                "--capacity-drift", "20", "--seed", "4");
        Run json = simulate("--traffic", "seed-diurnal", "--pool", EXAMPLE.toString(), "--noise", "10",
                "--capacity-drift", "20", "--seed", "4", "--output", "json");

        assertThat(noisy.exitCode()).as(noisy.err()).isZero();
        assertThat(noisy.out()).contains(
                "Conditions: 10% noise on observed utilization and request rate, capacity drifting up to 20%, seed 4.");
        assertThat(again.out()).isEqualTo(noisy.out());
        JsonNode scenario = JSON.readTree(json.out()).get("scenario");
        assertThat(scenario.get("noisePercent").asDouble()).isEqualTo(10);
        assertThat(scenario.get("capacityDriftPercent").asDouble()).isEqualTo(20);
        assertThat(scenario.get("seed").asLong()).isEqualTo(4);
        assertThat(simulate("--traffic", "seed-diurnal", "--pool", EXAMPLE.toString()).out()).doesNotContain("Conditions:");
    }

    @Test
    void byDefaultADayOfHistoryIsReplayedUnscoredFirstAndMultiDayTracesAreAveragedPerScoredDay() throws IOException {
        Path week = write("three-days.csv", "seconds,rps\n0,150\n86400,50\n259200,0\n");

        Run run = simulate("--traffic", week.toString(), "--pool", EXAMPLE.toString(), "--output", "json");
        Run text = simulate("--traffic", week.toString(), "--pool", EXAMPLE.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("scenario").get("historySeconds").asDouble()).isEqualTo(86_400);
        assertThat(report.get("scenario").get("lengthSeconds").asDouble()).as("two scored days").isEqualTo(2 * 86_400);
        assertThat(report.get("series").get("rps").get(0).asDouble()).isEqualTo(50);
        // 50 rps at ρ <= 0.70 takes 4 replicas: $16.80 x 4 x 24 a day, whether the run is one day or two.
        assertThat(named(report, "oracle").get("dailyCost").asDouble()).isEqualTo(16.80 * 4 * 24);
        assertThat(text.out()).contains("History: 24 h replayed unscored first; the figures cover the 48 h after it");
    }

    @Test
    void noHistoryDaysScoresTheWholeTraceFromAColdStart() {
        Run run = simulate("--traffic", "seed-diurnal", "--pool", EXAMPLE.toString(), "--history-days", "0");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).doesNotContain("History:");
    }

    @Test
    void outWritesTheJsonReportAndAChartOfTheRequestedSize() throws IOException {
        Path out = dir.resolve("report");

        Run run = simulate("--traffic", "seed-diurnal", "--pool", EXAMPLE.toString(), "--out", out.toString(),
                "--chart-size", "640x480");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Report: " + out.resolve("report.json"), "Chart:  " + out.resolve("chart.png"));
        JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
        assertThat(report.get("strategies")).hasSizeGreaterThanOrEqualTo(5);
        BufferedImage chart = ImageIO.read(out.resolve("chart.png").toFile());
        assertThat(chart.getWidth()).isEqualTo(640);
        assertThat(chart.getHeight()).isEqualTo(480);
    }

    @Test
    void withTheSeedsAssumptionsItReproducesTheSeedsFixedAndPerHourFigures() throws IOException {
        Path pool = write("seed-pool.yaml", """
                apiVersion: tokenscale.dev/v1alpha1
                kind: InferencePool
                metadata: {name: seed}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: seed-vllm}
                  minReplicas: 1
                  maxReplicas: 20
                  cost: {gpusPerReplica: 8, gpuHourlyCost: 2.00, overheadPercent: 0}
                """);
        double[] rps = {40, 30, 25, 20, 20, 25, 50, 90, 130, 150, 170, 175,
                        180, 175, 170, 160, 150, 140, 120, 100, 80, 70, 60, 50};
        StringBuilder csv = new StringBuilder("hour,rps\n");
        List<TrafficHour> pattern = new ArrayList<>();
        for (int hour = 0; hour < 24; hour++) {
            csv.append(hour).append(',').append(rps[hour]).append('\n');
            pattern.add(new TrafficHour(hour, rps[hour]));
        }
        Path traffic = write("hourly.csv", csv.toString());

        Run run = simulate("--traffic", traffic.toString(), "--pool", pool.toString(), "--oracle-sizing", "seed",
                "--output", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        SavingsAnalysis seed = SavingsAnalysis.of(pattern, 20, 8, 2.00, 1, 20);
        // By hand: peak 180 -> int(180/20)+1 = 10 replicas -> 10 x 16 x 24 = $3,840. Per hour,
        // int(rps/20)+1 sums to 136 replica-hours -> $2,176, saving 43.3333%.
        JsonNode report = JSON.readTree(run.out());
        assertThat(named(report, "fixed-peak").get("dailyCost").asDouble()).isEqualTo(seed.fixedDailyCost()).isEqualTo(3840);
        assertThat(named(report, "oracle").get("dailyCost").asDouble()).isEqualTo(seed.autoscaledDailyCost()).isEqualTo(2176);
        assertThat(named(report, "oracle").get("savingsPercent").asDouble())
                .isEqualTo(seed.savingsPercent()).isCloseTo(43.3333333333, within(1e-9));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing header | 0,10\\n60,0 | line 1: expected the header 'seconds,rps' or 'hour,rps', got '0,10'",
        "negative rps | seconds,rps\\n0,10\\n30,-1\\n60,0 | line 3: rps must be >= 0, got -1",
        "non-numeric | seconds,rps\\n0,lots\\n60,0 | line 2: rps 'lots' is not a number",
        "time not increasing | seconds,rps\\n0,10\\n0,20\\n60,0 | line 3: seconds must increase from row to row, but 0 follows 0",
    })
    void badTrafficExitsWithCodeTwoAndOneLineNamingTheFileAndRow(String name, String csv, String problem) throws IOException {
        Path traffic = write("bad.csv", csv.replace("\\n", "\n"));

        Run run = simulate("--traffic", traffic.toString(), "--pool", EXAMPLE.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("tokenscale simulate: " + traffic + " " + problem + System.lineSeparator());
    }

    @Test
    void anEmptyTrafficFileExitsWithCodeTwo() throws IOException {
        Path traffic = write("empty.csv", "");

        Run run = simulate("--traffic", traffic.toString(), "--pool", EXAMPLE.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("tokenscale simulate: " + traffic + ": the file is empty").hasLineCount(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--cold-start | soon | tokenscale simulate: --cold-start: 'soon' is not a duration",
        "--step | 0s | tokenscale simulate: --step: must be a whole number of milliseconds, at least 1ms, got '0s'",
        "--output | yaml | tokenscale simulate: --output: expected text or json, got 'yaml'",
        "--oracle-sizing | magic | tokenscale simulate: --oracle-sizing: expected slo or seed, got 'magic'",
        "--capacity-rps-per-replica | 0 | tokenscale simulate: --capacity-rps-per-replica: must be a number above 0, got 0.0",
        "--chart-size | big | tokenscale simulate: --chart-size: expected WIDTHxHEIGHT in pixels such as 1200x800, got 'big'",
        "--noise | -5 | tokenscale simulate: --noise: must be a percent between 0 and 100, got -5",
        "--noise | NaN | tokenscale simulate: --noise: must be a percent between 0 and 100, got NaN",
        "--capacity-drift | 95 | tokenscale simulate: --capacity-drift: must be a percent between 0 and 90, got 95",
        "--history-days | -1 | tokenscale simulate: --history-days: must be between 0 and 30, got -1",
        "--history-days | 31 | tokenscale simulate: --history-days: must be between 0 and 30, got 31",
    })
    void badOptionsExitWithCodeTwoNamingTheOption(String option, String value, String message) {
        Run run = simulate("--traffic", "seed-diurnal", "--pool", EXAMPLE.toString(), option, value);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith(message).hasLineCount(1);
    }

    @Test
    void aBadPoolFileExitsWithCodeTwoNamingTheFileAndField() throws IOException {
        Path pool = write("pool.yaml", Files.readString(EXAMPLE).replace("minReplicas: 2", "minReplicas: 20"));

        Run run = simulate("--traffic", "seed-diurnal", "--pool", pool.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("tokenscale simulate: " + pool + ": spec.minReplicas: 20 is greater than spec.maxReplicas 16")
                .hasLineCount(1);
    }
}
