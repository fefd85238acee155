package dev.tokenscale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenscale.policy.Signal;
import dev.tokenscale.testing.PrometheusProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walk-through in docs/signals.md, as processes: {@code emulate} writes a Prometheus config, the real
 * Prometheus scrapes it, {@code explain --prometheus} reads the shipped example pool's signals.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExplainPrometheusIT {

    private static final Path EXAMPLE_POOL = Path.of("..", "deploy", "examples", "inferencepool.yaml");

    private Path dir;
    private EmulateProcess emulate;
    private PrometheusProcess prometheus;
    private Path pool;

    @BeforeAll
    void startEmulateAndPrometheus(@TempDir Path tempDir) throws IOException {
        dir = tempDir;
        Path config = dir.resolve("prometheus.yml");
        // 3 vLLM replicas of 20 rps at 50 rps: 83% utilization, TTFT 900 ms against the example's 500 ms SLO.
        emulate = EmulateProcess.start("--replicas", "3", "--rps", "50", "--namespace", "inference",
                "--prometheus-config", config.toString());
        prometheus = PrometheusProcess.startWithConfig(Files.readString(config));
        // The shipped pool reads a 2m window; 10s gives the same figures without a two-minute wait.
        pool = Files.writeString(dir.resolve("pool.yaml"), Files.readString(EXAMPLE_POOL).replace("window: 2m", "window: 10s"));
        prometheus.awaitFullWindow(Duration.ofSeconds(15), 14, Duration.ofSeconds(60));
    }

    @AfterAll
    void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (emulate != null) {
            emulate.close();
        }
    }

    @Test
    void readsTheEmulatorsFiguresAndDecidesOnThem() throws Exception {
        Result run = explain("--pool", pool.toString(), "--prometheus", prometheus.url().toString(),
                "--state", writeState(3));

        assertThat(run.exitCode()).as(run.output()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.output());
        Map<String, Double> expected = emulate.expected();
        for (Signal signal : Signal.values()) {
            assertThat(json.path("signalHealth").path(signal.key()).path("state").asText()).as(signal.key()).isEqualTo("present");
            double read = json.path("signals").path(signal.key()).asDouble();
            double truth = expected.get(signal.key());
            if (truth == 0) {
                assertThat(read).as(signal.key()).isZero();
            } else {
                assertThat(read).as(signal.key()).isCloseTo(truth, Percentage.withPercentage(signal.isLatency() ? 15 : 10));
            }
        }
        // The SLO rule comes before the utilization rule; the example's Step policy adds one replica.
        assertThat(json.path("action").asText()).isEqualTo("scale_up");
        assertThat(json.path("reason").asText()).isEqualTo("slo_violation");
        assertThat(json.path("to").asInt()).isEqualTo(4);
    }

    @Test
    void theTextOutputShowsThePromQlItRan() throws Exception {
        Result run = explain("--pool", pool.toString(), "--prometheus", prometheus.url().toString(), "--output", "text");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output())
                .contains("Signals (" + prometheus.url() + "):")
                .contains("PromQL: histogram_quantile(0.99, sum by (le) (rate(vllm:time_to_first_token_seconds_bucket"
                        + "{namespace=\"inference\",model_name=\"meta-llama/Llama-3.1-70B-Instruct\"}[10s]))) * 1000")
                .contains("PromQL: avg(vllm:kv_cache_usage_perc{namespace=\"inference\"");
    }

    private String writeState(int replicas) throws IOException {
        return Files.writeString(dir.resolve("state.json"), "{\"replicas\": " + replicas + "}").toString();
    }

    private record Result(int exitCode, String output) {}

    private static Result explain(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", TokenscaleJar.path().toString(), "explain"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("explain did not finish within 60 s");
        }
        return new Result(process.exitValue(), output);
    }
}
