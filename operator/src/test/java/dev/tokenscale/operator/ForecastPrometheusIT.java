package dev.tokenscale.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenscale.api.CapacitySpec;
import dev.tokenscale.cli.TokenscaleCommand;
import dev.tokenscale.api.InferencePool;
import dev.tokenscale.api.InferencePoolStatus;
import dev.tokenscale.api.ScalingPolicyType;
import dev.tokenscale.api.ScalingSpec;
import dev.tokenscale.signals.PrometheusHistoryReader;
import dev.tokenscale.signals.PrometheusSignalReader;
import dev.tokenscale.testing.DemandHistoryText;
import dev.tokenscale.testing.FakeWorkloadController;
import dev.tokenscale.testing.MockCluster;
import dev.tokenscale.testing.OperatorUnderTest;
import dev.tokenscale.testing.PrometheusProcess;
import dev.tokenscale.testing.TestPools;
import io.fabric8.kubernetes.api.model.Condition;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The forecast end to end: the real operator on the mock API server reads a real Prometheus whose
 * TSDB was backfilled, before it started, with {@code promtool tsdb create-blocks-from openmetrics}.
 * Pool "forecast" has two days of demand: 20 requests/s, and 120 for an hour from a 5-minute
 * boundary 1 to 6 minutes after the test starts ("the ramp"), on both past days. Today's series runs
 * up to the start, still flat. Pool "reactive" has the same flat demand for the last 30 minutes
 * only, as if its history had been deleted. The operator runs on the real clock, the one Prometheus
 * stamps its answers with, so "now" is just before yesterday's ramp time + 24 h. {@code explain
 * --prometheus} then shows the same forecast from the same history.
 */
class ForecastPrometheusIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration SAMPLE_STEP = Duration.ofSeconds(30);
    private static final long BUCKET = 300;
    private static final int MAX_REPLICAS = 10;

    @Test
    void aPoolWithYesterdaysRampInItsHistoryScalesUpBeforeTheRampAndOneWithoutHistoryRunsReactiveAndSaysWhy()
            throws Exception {
        Instant start = Instant.now();
        Instant ramp = Instant.ofEpochSecond((start.getEpochSecond() + 60) / BUCKET * BUCKET + BUCKET);
        Instant end = Instant.ofEpochSecond(start.getEpochSecond() / 30 * 30);
        String history = DemandHistoryText.render(List.of(
                new DemandHistoryText.PodHistory("forecast", "llama-0", end.minus(Duration.ofDays(2)), end,
                        t -> dailyRamp(t, ramp)),
                new DemandHistoryText.PodHistory("reactive", "llama-0", end.minus(Duration.ofMinutes(30)), end,
                        t -> dailyRamp(t, ramp))), SAMPLE_STEP);

        try (MockCluster cluster = new MockCluster();
                PrometheusProcess prometheus = PrometheusProcess.startWithHistory("global:\n  scrape_interval: 1m\n", history);
                FakeWorkloadController controller = new FakeWorkloadController(cluster.client())) {
            for (String ns : List.of("forecast", "reactive")) {
                cluster.createDeployment(ns, "llama", 2);
                cluster.client().resource(pool(ns)).create();
            }
            OperatorOptions options = new OperatorOptions(prometheus.url(), Set.of("forecast", "reactive"), false, null,
                    "forecast-it", Duration.ofMinutes(5));

            try (OperatorUnderTest operator = OperatorUnderTest.start(cluster, new PrometheusSignalReader(Clock.systemUTC()),
                    new PrometheusHistoryReader(), Clock.systemUTC(), options)) {
                InferencePoolStatus ahead = await("pool forecast orders replicas for the ramp").atMost(WAIT).ignoreExceptions()
                        .until(() -> cluster.pool("forecast", "pool").getStatus(),
                                s -> "forecast".equals(s.getLastDecision().getReason()));
                assertThat(Instant.now()).as("the scale-up came before the ramp").isBefore(ramp);
                // 120 requests/s at the ramp over 20 x 70% a replica: ceil(120 / 14) = 9 at the least.
                assertThat(ahead.getDesiredReplicas()).isGreaterThanOrEqualTo(9);
                assertThat(ahead.getSignals().getRequestsPerSecond()).as("the demand now is still yesterday's morning")
                        .isLessThan(25.0);
                assertThat(ahead.getLastDecision().getMessage()).contains("ahead of demand", "daily profile");
                assertThat(await().atMost(WAIT).until(() -> cluster.events("forecast", "ScaledUp"), events -> !events.isEmpty()))
                        .anySatisfy(event -> assertThat(event.getMessage()).contains("(forecast)"));
                await("the ordered replicas are ready and their cold start measured").atMost(WAIT).ignoreExceptions()
                        .until(() -> cluster.pool("forecast", "pool").getStatus().getLearned().getColdStartSamples() >= 1);
                InferencePoolStatus learned = cluster.pool("forecast", "pool").getStatus();
                assertThat(learned.getLearned().getColdStartSeconds()).as("the hint until three are measured").isEqualTo(360.0);
                assertThat(learned.getLearned().getForecastErrorPercent()).isNotNull().isBetween(0.0, 30.0);
                assertThat(condition(learned, ForecastReliableCondition.TYPE).getStatus()).isEqualTo("True");
                assertThat(operator.dataPoints("tokenscale_pool_forecast_error_percent", "forecast", "pool")).isNotEmpty();

                InferencePoolStatus reactive = await("pool reactive is evaluated with its demand").atMost(WAIT).ignoreExceptions()
                        .until(() -> cluster.pool("reactive", "pool").getStatus(),
                                s -> s.getSignals().getRequestsPerSecond() != null
                                        && condition(s, ForecastReliableCondition.TYPE) != null);
                assertThat(cluster.deploymentReplicas("reactive", "llama")).as("20 requests/s needs ceil(20 / 14) = 2").isEqualTo(2);
                assertThat(reactive.getLastDecision().getReason()).isNotEqualTo("forecast");
                assertThat(condition(reactive, ForecastReliableCondition.TYPE).getMessage())
                        .contains("so the pool runs reactive", "less than a day", "the forecast uses the trend only");
            }

            Path manifest = Files.writeString(work.resolve("pool.yaml"), POOL_YAML);
            Path state = Files.writeString(work.resolve("state.json"), "{\"replicas\": 2}");
            String text = explain("--pool", manifest.toString(), "--state", state.toString(), "--prometheus",
                    prometheus.url().toString(), "--output", "text");
            assertThat(text).contains("Lead time: 6m (0 of 3 cold starts measured", "Forecast (daily profile, 2.0 days of history)",
                    "PromQL (query_range, every 5m): clamp_min(sum(rate(vllm:time_to_first_token_seconds_count{namespace=\"forecast\",pod=~\"llama-([a-z0-9]{1,10}-[a-z0-9]{5}|[0-9]+(-[0-9]+)?)\"}",
                    "Decision: scale_up (forecast), 2 -> ", "ahead of demand");
            JsonNode json = new ObjectMapper().readTree(explain("--pool", manifest.toString(), "--state", state.toString(),
                    "--prometheus", prometheus.url().toString(), "--output", "json"));
            assertThat(json.get("reason").asText()).isEqualTo("forecast");
            assertThat(json.get("forecast").get("source").asText()).isEqualTo("daily");
            assertThat(json.get("forecast").get("state").asText()).isEqualTo("usable");
            assertThat(json.get("forecast").get("upperRequestsPerSecond").asDouble()).isGreaterThan(115);
            assertThat(json.get("forecast").get("errorPercent").asDouble()).isBetween(0.0, 30.0);
        }
    }

    private static final String POOL_YAML = """
            apiVersion: tokenscale.dev/v1alpha1
            kind: InferencePool
            metadata:
              name: pool
              namespace: forecast
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: llama}
              minReplicas: 1
              maxReplicas: 10
              scaling: {policy: Adaptive, coldStartHint: 6m}
              capacity: {requestsPerSecondPerReplica: 20}
              cost: {gpusPerReplica: 8, gpuHourlyCost: 2.0}
            """;

    @TempDir
    Path work;

    /** {@code explain} in-process, its standard output. */
    private static String explain(String... args) {
        StringWriter out = new StringWriter();
        CommandLine command = TokenscaleCommand.newCommandLine();
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(new StringWriter()));
        List<String> words = new java.util.ArrayList<>(List.of("explain"));
        words.addAll(List.of(args));
        assertThat(command.execute(words.toArray(String[]::new))).as(out.toString()).isZero();
        return out.toString();
    }

    /** 20 requests/s, and 120 for the hour from the ramp's time of day, with a small wave on both, the same every day. */
    private static double dailyRamp(Instant t, Instant ramp) {
        long sinceRamp = Math.floorMod(t.getEpochSecond() - ramp.getEpochSecond(), 86_400L);
        double base = sinceRamp < 3600 ? 120 : 20;
        return base * (1 + 0.03 * Math.sin(2 * Math.PI * Math.floorMod(t.getEpochSecond(), 86_400L) / 1200.0));
    }

    private static InferencePool pool(String namespace) {
        InferencePool pool = TestPools.deploymentPool(namespace, "pool", "llama", 1, MAX_REPLICAS);
        ScalingSpec scaling = new ScalingSpec();
        scaling.setPolicy(ScalingPolicyType.ADAPTIVE);
        // Six minutes of lead time reach the ramp's 5-minute bucket from any start.
        scaling.setColdStartHint("6m");
        pool.getSpec().setScaling(scaling);
        CapacitySpec capacity = new CapacitySpec();
        capacity.setRequestsPerSecondPerReplica(20.0);
        pool.getSpec().setCapacity(capacity);
        pool.getSpec().getMetrics().setPrometheus(null);
        return pool;
    }

    private static Condition condition(InferencePoolStatus status, String type) {
        return status.getConditions() == null ? null
                : status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }
}
