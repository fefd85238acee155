package dev.tokenscale.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenscale.api.InferencePoolSpec;
import dev.tokenscale.api.MetricsSpec;
import dev.tokenscale.api.PrometheusSpec;
import dev.tokenscale.policy.CostAwarePolicy;
import dev.tokenscale.policy.Decision;
import dev.tokenscale.policy.MissingReason;
import dev.tokenscale.policy.ScalingState;
import dev.tokenscale.policy.Signal;
import dev.tokenscale.policy.SignalReading;
import dev.tokenscale.policy.SignalSnapshot;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationConditionsTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final PoolSettings settings = PoolSettingsMapping.map(Specs.minimal());

    @Test
    void whenNoSignalHasASeriesTheMessageSaysWhichUpQueryToRunAndWhere() {
        InferencePoolSpec spec = Specs.minimal();
        PrometheusSpec prometheus = new PrometheusSpec();
        prometheus.setUrl("http://prometheus-operated.monitoring.svc:9090");
        MetricsSpec metrics = new MetricsSpec();
        metrics.setPrometheus(prometheus);
        spec.setMetrics(metrics);
        SignalSnapshot.Builder snapshot = SignalSnapshot.builder().observedAt(NOW);
        for (Signal signal : Signal.values()) {
            snapshot.missing(signal, MissingReason.NO_SERIES, "");
        }

        Condition condition = metricsAvailable(spec, snapshot.build());

        assertThat(condition.getStatus()).isEqualTo("False");
        assertThat(condition.getReason()).isEqualTo("NoSeries");
        assertThat(condition.getMessage())
                .startsWith("No series for any signal (ttftP99Ms, tpotP99Ms, utilizationPercent, tokensPerSecond).")
                .contains("Run up{namespace=\"inference\"} in http://prometheus-operated.monitoring.svc:9090;")
                .contains("release label")
                .endsWith("Holding: no scale-down.");
    }

    @Test
    void withoutAPoolUrlTheUpQueryPointsAtTheOperatorsPrometheus() {
        SignalSnapshot.Builder snapshot = SignalSnapshot.builder().observedAt(NOW);
        for (Signal signal : Signal.values()) {
            snapshot.missing(signal, MissingReason.NO_SERIES, "");
        }

        assertThat(metricsAvailable(Specs.minimal(), snapshot.build()).getMessage())
                .contains("Run up{namespace=\"inference\"} in the operator's --prometheus-url;");
    }

    @Test
    void whenSomeSignalsHaveSeriesTheMessageStillPointsAtThePresetAndTheSelector() {
        SignalSnapshot snapshot = SignalSnapshot.builder().observedAt(NOW)
                .missing(Signal.TTFT_P99_MS, MissingReason.NO_SERIES, "")
                .present(Signal.TPOT_P99_MS, 30)
                .present(Signal.UTILIZATION_PERCENT, 50)
                .present(Signal.TOKENS_PER_SECOND, 1000)
                .build();

        Condition condition = metricsAvailable(Specs.minimal(), snapshot);

        assertThat(condition.getReason()).isEqualTo("NoSeries");
        assertThat(condition.getMessage()).contains("Check the preset and the selector").doesNotContain("up{");
    }

    @Test
    void aClampedUtilizationIsNamedInMetricsAvailable() {
        SignalSnapshot snapshot = snapshot(SignalReading.present(100, "clamped to 100 from 250 reported by the query"));

        Condition metrics = metricsAvailable(snapshot);

        assertThat(metrics.getStatus()).isEqualTo("True");
        assertThat(metrics.getMessage()).endsWith("Adjusted: utilizationPercent clamped to 100 from 250 reported by the query.");
    }

    @Test
    void aNegativeValueMakesMetricsAvailableFalseWithItsOwnReason() {
        SignalSnapshot snapshot = snapshot(SignalReading.missing(MissingReason.INVALID_VALUE,
                "team-a/chat utilizationPercent: the query answered -5, but utilizationPercent cannot be negative"));

        Condition metrics = metricsAvailable(snapshot);

        assertThat(metrics.getStatus()).isEqualTo("False");
        assertThat(metrics.getReason()).isEqualTo("InvalidValue");
        assertThat(metrics.getMessage()).contains("utilizationPercent: invalid_value").contains("Holding: no scale-down.");
    }

    private static Condition metricsAvailable(InferencePoolSpec spec, SignalSnapshot snapshot) {
        PoolSettings settings = PoolSettingsMapping.map(spec);
        Decision decision = new CostAwarePolicy().decide(settings.policy(), snapshot, ScalingState.steady(2),
                Clock.fixed(NOW, ZoneOffset.UTC));
        Evaluation evaluation = new Evaluation(2, 2, 2, snapshot, decision, false, null, null, null, NOW);
        List<Condition> conditions = EvaluationConditions.of(List.of(), 1L, "inference", settings, evaluation);
        return conditions.stream().filter(c -> c.getType().equals(ConditionSet.METRICS_AVAILABLE)).findFirst().orElseThrow();
    }

    private Condition metricsAvailable(SignalSnapshot snapshot) {
        ScalingState state = ScalingState.steady(2);
        Decision decision = new CostAwarePolicy().decide(settings.policy(), snapshot, state, Clock.fixed(NOW, ZoneOffset.UTC));
        Evaluation evaluation = new Evaluation(2, 2, 2, snapshot, decision, false, null, null, null, NOW);
        List<Condition> conditions = EvaluationConditions.of(List.of(), 1L, "inference", settings, evaluation);
        return conditions.stream().filter(c -> c.getType().equals(ConditionSet.METRICS_AVAILABLE)).findFirst().orElseThrow();
    }

    private static SignalSnapshot snapshot(SignalReading utilization) {
        return SignalSnapshot.builder().observedAt(NOW)
                .present(Signal.TTFT_P99_MS, 100)
                .present(Signal.TPOT_P99_MS, 10)
                .with(Signal.UTILIZATION_PERCENT, utilization)
                .present(Signal.QUEUE_DEPTH, 0)
                .present(Signal.TOKENS_PER_SECOND, 100)
                .build();
    }
}
