package dev.tokenscale.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

class ExplainCommandTest {

    private static final Path EXAMPLES = Path.of("..", "deploy", "examples");
    private static final String NOW = "2026-01-01T00:00:30Z";

    @TempDir
    Path dir;

    private Path pool;
    private Path signals;
    private Path state;

    /** What one run printed and returned. */
    record Run(int exitCode, String out, String err) {
        JsonNode json() throws IOException {
            return new ObjectMapper().readTree(out);
        }
    }

    @BeforeEach
    void copyTheShippedExamples() throws IOException {
        pool = Files.copy(EXAMPLES.resolve("inferencepool.yaml"), dir.resolve("pool.yaml"));
        signals = Files.copy(EXAMPLES.resolve("signals.json"), dir.resolve("signals.json"));
        state = Files.copy(EXAMPLES.resolve("state.json"), dir.resolve("state.json"));
    }

    @Test
    void printsTheDecisionAsJsonByDefault() throws IOException {
        Run run = explain("--pool", pool, "--metrics", signals, "--state", state, "--now", NOW);

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = run.json();
        assertThat(json.path("action").asText()).isEqualTo("none");
        assertThat(json.path("reason").asText()).isEqualTo("cooldown");
        assertThat(json.path("from").asInt()).isEqualTo(4);
        assertThat(json.path("to").asInt()).isEqualTo(4);
        assertThat(json.path("estimatedSavingsPerHour").asDouble()).isZero();
        // 4 replicas x 8 GPUs x $2.00 x 1.05 overhead
        assertThat(json.path("hourlyCost").asDouble()).isEqualTo(67.2);
        assertThat(json.path("message").asText()).contains("scale-up cooldown").contains("30s left");
        assertThat(json.path("signals").path("ttftP99Ms").asDouble()).isEqualTo(620.0);
        assertThat(json.path("signals").path("queueDepth").asDouble()).isEqualTo(3);
        assertThat(json.fieldNames()).toIterable().containsExactly(
                "action", "reason", "from", "to", "estimatedSavingsPerHour", "hourlyCost", "message", "signals", "signalHealth");
        assertThat(json.path("signals").fieldNames()).toIterable().containsExactly(
                "ttftP99Ms", "tpotP99Ms", "utilizationPercent", "queueDepth", "tokensPerSecond", "requestsPerSecond");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void startsFromMinReplicasAllReadyWithoutAState() throws IOException {
        Run run = explain("--pool", pool, "--metrics", signals, "--now", NOW);

        JsonNode json = run.json();
        assertThat(json.path("action").asText()).isEqualTo("scale_up");
        assertThat(json.path("reason").asText()).isEqualTo("slo_violation");
        assertThat(json.path("from").asInt()).isEqualTo(2);
        assertThat(json.path("to").asInt()).isEqualTo(3);
        assertThat(json.path("hourlyCost").asDouble()).isEqualTo(50.4);
    }

    @Test
    void reportsTheSavingsOfAScaleDown() throws IOException {
        write(signals, "{\"ttftP99Ms\": 200, \"tpotP99Ms\": 20, \"utilizationPercent\": 12, \"queueDepth\": 0, \"tokensPerSecond\": 300}");
        write(state, "{\"replicas\": 4}");

        JsonNode json = explain("--pool", pool, "--metrics", signals, "--state", state, "--now", NOW).json();

        assertThat(json.path("action").asText()).isEqualTo("scale_down");
        assertThat(json.path("to").asInt()).isEqualTo(3);
        assertThat(json.path("estimatedSavingsPerHour").asDouble()).as("the drop in hourlyCost, overhead included").isEqualTo(16.8);
        assertThat(json.path("hourlyCost").asDouble()).isEqualTo(50.4);
    }

    @Test
    void echoesIdleAsAStringAndMissingAsNull() throws IOException {
        write(signals, "{\"ttftP99Ms\": \"idle\", \"tpotP99Ms\": \"idle\", \"utilizationPercent\": 50, \"queueDepth\": null}");

        JsonNode json = explain("--pool", pool, "--metrics", signals, "--now", NOW).json();

        assertThat(json.path("signals").path("ttftP99Ms").asText()).isEqualTo("idle");
        assertThat(json.path("signals").path("queueDepth").isNull()).isTrue();
        assertThat(json.path("signals").path("tokensPerSecond").isNull()).isTrue();
        assertThat(json.path("reason").asText()).isEqualTo("within_target");
        assertThat(json.path("signalHealth").path("ttftP99Ms").path("state").asText()).isEqualTo("idle");
        assertThat(json.path("signalHealth").path("ttftP99Ms").path("reason").isNull()).isTrue();
        assertThat(json.path("signalHealth").path("utilizationPercent").path("state").asText()).isEqualTo("present");
        assertThat(json.path("signalHealth").path("queueDepth").path("state").asText()).isEqualTo("missing");
        assertThat(json.path("signalHealth").path("queueDepth").path("reason").asText()).isEqualTo("no_series");
    }

    @Test
    void reportsMetricsUnavailableWhenEverySignalIsMissing() throws IOException {
        write(signals, "{}");

        JsonNode json = explain("--pool", pool, "--metrics", signals, "--now", NOW).json();

        assertThat(json.path("action").asText()).isEqualTo("none");
        assertThat(json.path("reason").asText()).isEqualTo("metrics_unavailable");
    }

    @Test
    void walksEveryRuleCheckedInText() {
        Run run = explain("--pool", pool, "--metrics", signals, "--state", state, "--now", NOW, "--output", "text");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("Pool llama-3-1-70b")
                .contains("ttftP99Ms            620 ms")
                .contains("[ ] out_of_bounds")
                .contains("[x] slo_violation      P99 TTFT 620ms is above the 500ms SLO")
                .contains("[ ] at_max_replicas")
                .contains("[ ] replicas_starting")
                .contains("[x] cooldown")
                .contains("Decision: none (cooldown), 4 -> 4 replicas")
                .contains("$67.20/h now at 4 replicas ($10.3704 per million tokens)");
    }

    @Test
    void roundsSignalsForHumansInTextButKeepsEveryDigitInJson() throws IOException {
        write(signals, "{\"ttftP99Ms\": 900.000000000001, \"tpotP99Ms\": 31.25, \"utilizationPercent\": 66.66666666666667,"
                + " \"queueDepth\": 0.04, \"tokensPerSecond\": 1.25E7}");

        String text = explain("--pool", pool, "--metrics", signals, "--now", NOW, "--output", "text").out();
        JsonNode json = explain("--pool", pool, "--metrics", signals, "--now", NOW).json();

        assertThat(text)
                .contains("ttftP99Ms            900 ms\n")
                .contains("tpotP99Ms            31.3 ms\n")
                .contains("utilizationPercent   66.7 %\n")
                .contains("queueDepth           0 requests waiting\n")
                .contains("tokensPerSecond      12500000 tokens/s\n")
                .doesNotContain("900.0000").doesNotContain("E7");
        assertThat(json.path("signals").path("ttftP99Ms").asDouble()).isEqualTo(900.000000000001);
        assertThat(json.path("signals").path("utilizationPercent").asDouble()).isEqualTo(66.66666666666667);
        assertThat(json.path("signals").path("tokensPerSecond").asDouble()).isEqualTo(1.25E7);
    }

    @Test
    void showsWhyASignalIsMissingInText() throws IOException {
        write(signals, "{\"ttftP99Ms\": 620, \"tpotP99Ms\": 31, \"utilizationPercent\": 50}");

        String text = explain("--pool", pool, "--metrics", signals, "--now", NOW, "--output", "text").out();

        assertThat(text).contains("queueDepth           missing (no_series: absent from " + signals + ")\n");
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                bad("an unreadable pool file", "pool", null, "cannot read the pool file"),
                bad("invalid YAML", "pool", "spec: [maxReplicas: 3\n  oops", "not valid syntax at line"),
                bad("the wrong kind", "pool", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\n", "kind: expected InferencePool, got 'Deployment'"),
                bad("min above max", "pool", poolWith("minReplicas: 2", "minReplicas: 20"), "spec.minReplicas: 20 is greater than spec.maxReplicas 16"),
                bad("a negative replica bound", "pool", poolWith("maxReplicas: 16", "maxReplicas: -1"), "spec.maxReplicas: -1 is below the minimum of 1"),
                bad("a negative GPU price", "pool", poolWith("gpuHourlyCost: 2.00", "gpuHourlyCost: -2.00"), "spec.cost.gpuHourlyCost: -2 is below the minimum of 0"),
                bad("a malformed duration", "pool", poolWith("scaleUp: 60s", "scaleUp: 1h"), "spec.cooldown.scaleUp: '1h' is not a duration"),
                // fake-engine is a preset file only the test classpath has; it shows the list is discovered.
                bad("an unknown preset", "pool", poolWith("preset: vllm", "preset: tgi"), "spec.metrics.preset: 'tgi' is not a known preset; known: custom, fake-engine, sglang, vllm"),
                bad("an unknown policy", "pool", poolWith("policy: Step", "policy: Linear"), "spec.scaling.policy: unknown value 'Linear'; expected one of Step, Proportional"),
                bad("malformed signals JSON", "signals", "{\"ttftP99Ms\": 620,", "not valid syntax"),
                bad("a negative signal", "signals", "{\"utilizationPercent\": -5}", "utilizationPercent: must not be negative, got -5"),
                bad("idle utilization", "signals", "{\"utilizationPercent\": \"idle\"}", "utilizationPercent: \"idle\" applies only to ttftP99Ms and tpotP99Ms"),
                bad("text for a signal", "signals", "{\"ttftP99Ms\": \"slow\"}", "ttftP99Ms: expected a number, null or \"idle\", got \"slow\""),
                bad("an unknown signal", "signals", "{\"ttft\": 5}", "ttft: unknown field; expected one of ttftP99Ms"),
                bad("signals that are not an object", "signals", "[1, 2]", "expected a JSON object, got array"),
                bad("an unreadable signals file", "signals", null, "cannot read the signals file"),
                bad("malformed state JSON", "state", "{replicas: 4}", "not valid syntax"),
                bad("negative replicas", "state", "{\"replicas\": -1}", "replicas: must not be negative, got -1"),
                bad("fractional replicas", "state", "{\"replicas\": 2.5}", "replicas: expected a whole number, got 2.5"),
                bad("no replicas", "state", "{\"readyReplicas\": 2}", "replicas: is required"),
                bad("more ready than replicas", "state", "{\"replicas\": 2, \"readyReplicas\": 3}", "readyReplicas: 3 is more than replicas 2"),
                bad("a malformed time", "state", "{\"replicas\": 2, \"lastScaleUpTime\": \"yesterday\"}", "lastScaleUpTime: 'yesterday' is not an RFC 3339 time"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void rejectsBadInputWithExitTwoAndOneLineNamingFileAndField(String scenario, String which, String content, String problem)
            throws IOException {
        Path broken = switch (which) {
            case "pool" -> pool;
            case "signals" -> signals;
            default -> state;
        };
        if (content == null) {
            Files.delete(broken);
        } else if (content.startsWith("POOL:")) {
            String[] edit = content.substring(5).split("\u0000");
            write(broken, Files.readString(broken).replace(edit[0], edit[1]));
        } else {
            write(broken, content);
        }

        Run run = explain("--pool", pool, "--metrics", signals, "--state", state, "--now", NOW);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("tokenscale explain: " + broken + ": ").contains(problem);
        assertOneLineWithoutStackTrace(run.err());
    }

    static Stream<Arguments> badOptions() {
        return Stream.of(
                arguments(List.of("--now", "tomorrow"), "--now: 'tomorrow' is not an RFC 3339 time such as 2026-01-01T00:00:00Z"),
                arguments(List.of("--output", "yaml"), "--output: expected json or text, got 'yaml'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOptions")
    void rejectsBadOptionValuesInOneLine(List<String> option, String problem) {
        List<Object> args = new ArrayList<>(List.of("--pool", pool, "--metrics", signals));
        args.addAll(option);

        Run run = explain(args.toArray());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("tokenscale explain: " + problem + "\n".replace("\n", System.lineSeparator()));
    }

    @Test
    void requiresASignalsSource() {
        Run run = explain("--pool", pool);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--metrics SIGNALS.json or --prometheus URL is required");
        assertOneLineWithoutStackTrace(run.err());
    }

    @Test
    void picocliRejectsAMissingPoolWithItsUsageExitCode() {
        Run run = explain("--metrics", signals);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required option: '--pool=POOL.yaml'");
    }

    private static Arguments bad(String scenario, String which, String content, String problem) {
        return arguments(scenario, which, content, problem);
    }

    /** An edit of the shipped pool: replace {@code from} by {@code to}. */
    private static String poolWith(String from, String to) {
        return "POOL:" + from + "\u0000" + to;
    }

    private static void assertOneLineWithoutStackTrace(String err) {
        assertThat(err.strip()).doesNotContain("\n").doesNotContain("Exception").doesNotContain("\tat ");
    }

    private Run explain(Object... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = TokenscaleCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        List<String> words = new ArrayList<>(List.of("explain"));
        for (Object arg : args) {
            words.add(arg.toString());
        }
        int exitCode = commandLine.execute(words.toArray(String[]::new));
        return new Run(exitCode, out.toString(), err.toString());
    }

    private static void write(Path file, String content) throws IOException {
        Files.writeString(file, content);
    }
}
