package dev.tokenscale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenscale.testing.FakePrometheusServer;
import dev.tokenscale.testing.FakePrometheusServer.Answer;
import dev.tokenscale.testing.LoopbackPorts;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code explain --prometheus} against a stand-in Prometheus; the real one is in ExplainPrometheusIT. */
class ExplainPrometheusTest {

    private static final Path EXAMPLE_POOL = Path.of("..", "deploy", "examples", "inferencepool.yaml");
    private static final String NOW = "2026-01-01T00:00:30Z";

    @TempDir
    Path dir;

    private FakePrometheusServer prometheus;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void readsThePoolsSeriesWithItsPresetWindowAndSelectorFromTheUrlGiven() throws IOException {
        prometheus = FakePrometheusServer.answering(query -> query.contains("kv_cache") ? Answer.value(85)
                : query.contains("time_to_first_token") ? Answer.value(320) : Answer.value(10));

        int exit = explain("--pool", EXAMPLE_POOL.toString(), "--prometheus", prometheus.url().toString(), "--now", NOW);

        assertThat(exit).as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.path("signals").path("utilizationPercent").asDouble()).isEqualTo(85);
        assertThat(json.path("signalHealth").path("utilizationPercent").path("state").asText()).isEqualTo("present");
        assertThat(json.path("reason").asText()).isEqualTo("high_utilization");
        assertThat(prometheus.received()).extracting(FakePrometheusServer.Received::query).contains(
                "histogram_quantile(0.99, sum by (le) (rate(vllm:time_to_first_token_seconds_bucket"
                        + "{namespace=\"inference\",model_name=\"meta-llama/Llama-3.1-70B-Instruct\"}[2m]))) * 1000");
    }

    @Test
    void anUnreachablePrometheusLeavesEverySignalMissingWithTheReadersMessage() throws IOException {
        String down = "http://127.0.0.1:" + LoopbackPorts.free();

        int exit = explain("--pool", EXAMPLE_POOL.toString(), "--prometheus", down, "--now", NOW);

        assertThat(exit).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.path("reason").asText()).isEqualTo("metrics_unavailable");
        assertThat(json.path("signals").path("ttftP99Ms").isNull()).isTrue();
        JsonNode ttft = json.path("signalHealth").path("ttftP99Ms");
        assertThat(ttft.path("state").asText()).isEqualTo("missing");
        assertThat(ttft.path("reason").asText()).isEqualTo("error");
        assertThat(ttft.path("detail").asText())
                .isEqualTo("inference/llama-3-1-70b ttftP99Ms: unreachable: cannot connect to " + down + " (connection refused)");
    }

    @Test
    void theTextOutputShowsThePromQlThatRan() {
        prometheus = FakePrometheusServer.answering(query -> Answer.value(1));

        explain("--pool", EXAMPLE_POOL.toString(), "--prometheus", prometheus.url().toString(), "--now", NOW, "--output", "text");

        assertThat(out.toString())
                .contains("Signals (" + prometheus.url() + "):")
                .contains("PromQL: sum(vllm:num_requests_waiting{namespace=\"inference\",model_name=\"meta-llama/Llama-3.1-70B-Instruct\"})");
    }

    @Test
    void theTextOutputNamesAMissingSignalsReasonOnceOnEveryLine() {
        prometheus = FakePrometheusServer.answering(query -> query.contains("num_requests_waiting") ? Answer.noSeries() : Answer.value(1));

        explain("--pool", EXAMPLE_POOL.toString(), "--prometheus", prometheus.url().toString(), "--now", NOW, "--output", "text");

        String missingQueue = "queueDepth missing (no_series: inference/llama-3-1-70b queueDepth: no series match {namespace=\"inference\",";
        assertThat(out.toString())
                .contains("queueDepth           missing (no_series: inference/llama-3-1-70b queueDepth: no series match {")
                .contains("[ ] queue_backlog      skipped: " + missingQueue)
                .contains("[ ] low_utilization    utilization 1% is below 30% but " + missingQueue)
                .doesNotContain("no_series: no_series")
                .doesNotContain(": no_series: no series");
    }

    @Test
    void theTextOutputKeepsTheClassOfAnError() {
        String down = "http://127.0.0.1:" + LoopbackPorts.free();

        explain("--pool", EXAMPLE_POOL.toString(), "--prometheus", down, "--now", NOW, "--output", "text");

        assertThat(out.toString()).contains("ttftP99Ms            missing (error: inference/llama-3-1-70b ttftP99Ms: unreachable: cannot connect to "
                + down + " (connection refused))\n");
    }

    @Test
    void aPoolWithoutNamespaceReadsTheDefaultNamespace() throws IOException {
        Path pool = dir.resolve("pool.yaml");
        Files.writeString(pool, Files.readString(EXAMPLE_POOL).replace("  namespace: inference\n", ""));
        prometheus = FakePrometheusServer.answering(query -> Answer.noSeries());

        explain("--pool", pool.toString(), "--prometheus", prometheus.url().toString(), "--now", NOW);

        assertThat(prometheus.received()).isNotEmpty().allSatisfy(received ->
                assertThat(received.query()).contains("{namespace=\"default\",model_name="));
        assertThat(new ObjectMapper().readTree(out.toString()).path("signalHealth").path("queueDepth").path("detail").asText())
                .startsWith("default/llama-3-1-70b queueDepth: no series match {namespace=\"default\"");
    }

    @Test
    void metricsAndPrometheusAreExclusiveAndTheUrlMustBeHttp() {
        assertThat(explain("--pool", EXAMPLE_POOL.toString(), "--prometheus", "http://127.0.0.1:9090", "--metrics", "x.json"))
                .isEqualTo(ExplainCommand.BAD_INPUT);
        assertThat(err.toString()).contains("--metrics and --prometheus are exclusive");

        assertThat(explain("--pool", EXAMPLE_POOL.toString(), "--prometheus", "127.0.0.1:9090")).isEqualTo(ExplainCommand.BAD_INPUT);
        assertThat(err.toString()).contains("--prometheus: '127.0.0.1:9090' is not an http or https URL");

        assertThat(explain("--pool", EXAMPLE_POOL.toString())).isEqualTo(ExplainCommand.BAD_INPUT);
        assertThat(err.toString()).contains("--metrics SIGNALS.json or --prometheus URL is required");
    }

    @Test
    void noCredentialOfAUrlOrAPoolFileReachesExplainsOutputAndAPoolFileMakesItReadNoFile() throws IOException {
        prometheus = FakePrometheusServer.answering(query -> Answer.value(1));
        Path token = Files.writeString(dir.resolve("token"), "file-token-83bd");
        Path withUserInfo = dir.resolve("userinfo.yaml");
        Files.writeString(withUserInfo, Files.readString(EXAMPLE_POOL).replace("http://prometheus-operated.monitoring.svc:9090",
                "http://scaler:pw-90dd1c@127.0.0.1:9090"));
        Path withFile = dir.resolve("file.yaml");
        Files.writeString(withFile, Files.readString(EXAMPLE_POOL).replace("      timeout: 5s\n",
                "      timeout: 5s\n      bearerTokenFile: " + token + "\n"));

        int urlExit = explain("--pool", EXAMPLE_POOL.toString(), "--prometheus", "http://scaler:pw-90dd1c@127.0.0.1:9090");
        int poolUrlExit = explain("--pool", withUserInfo.toString(), "--prometheus", prometheus.url().toString(), "--now", NOW);
        int fileExit = explain("--pool", withFile.toString(), "--prometheus", prometheus.url().toString(), "--now", NOW);

        assertThat(urlExit).isEqualTo(ExplainCommand.BAD_INPUT);
        assertThat(err.toString()).contains("--prometheus: 'http://***@127.0.0.1:9090' carries credentials");
        assertThat(poolUrlExit).isEqualTo(ExplainCommand.BAD_INPUT);
        assertThat(err.toString()).contains("'http://***@127.0.0.1:9090' carries credentials in the URL");
        assertThat(fileExit).isEqualTo(ExplainCommand.BAD_INPUT);
        assertThat(err.toString()).contains("spec.metrics.prometheus.bearerTokenFile: was removed");
        assertThat(out.toString() + err.toString()).doesNotContain("pw-90dd1c").doesNotContain("file-token-83bd");
        assertThat(prometheus.received()).as("every one of them is refused before a query").isEmpty();
    }

    private int explain(String... args) {
        out.getBuffer().setLength(0);
        CommandLine command = TokenscaleCommand.newCommandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        String[] full = new String[args.length + 1];
        full[0] = "explain";
        System.arraycopy(args, 0, full, 1, args.length);
        return command.execute(full);
    }
}
