package dev.tokenscale.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenscale.api.CapacitySpec;
import dev.tokenscale.api.ForecastSpec;
import dev.tokenscale.api.InferencePoolSpec;
import dev.tokenscale.api.ScalingPolicyType;
import dev.tokenscale.api.ScalingSpec;
import dev.tokenscale.forecast.ForecastPlan;
import dev.tokenscale.policy.AdaptiveMemory;
import dev.tokenscale.policy.CostAwarePolicy;
import dev.tokenscale.policy.LearnedState;
import dev.tokenscale.policy.PolicyOutcome;
import dev.tokenscale.policy.Reason;
import dev.tokenscale.policy.ScalingState;
import dev.tokenscale.policy.Signal;
import dev.tokenscale.policy.SignalSnapshot;
import dev.tokenscale.signals.DemandHistory;
import dev.tokenscale.signals.HistoryReader;
import dev.tokenscale.signals.LabelMatcher;
import dev.tokenscale.signals.PrometheusConnection;
import dev.tokenscale.signals.SignalRequest;
import dev.tokenscale.testing.MutableClock;
import io.fabric8.kubernetes.api.model.Condition;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The operator's forecast from a history it is handed: when it is used, and when the pool runs reactive. */
class PoolForecastTest {

    private final MutableClock clock = MutableClock.at("2026-03-02T08:00:00Z");
    private final SignalRequest request = new SignalRequest("llm/pool", PrometheusConnection.plain(URI.create("http://127.0.0.1:9")),
            "vllm", Map.of(), Duration.ofMinutes(2), List.of(LabelMatcher.equalTo("namespace", "llm")));

    private static PoolSettings adaptive(double maxErrorPercent) {
        InferencePoolSpec spec = Specs.minimal();
        ScalingSpec scaling = new ScalingSpec();
        scaling.setPolicy(ScalingPolicyType.ADAPTIVE);
        ForecastSpec forecast = new ForecastSpec();
        forecast.setMaxErrorPercent(maxErrorPercent);
        scaling.setForecast(forecast);
        spec.setScaling(scaling);
        CapacitySpec capacity = new CapacitySpec();
        capacity.setRequestsPerSecondPerReplica(20.0);
        spec.setCapacity(capacity);
        return PoolSettingsMapping.map(spec);
    }

    /** Two days at 5-minute steps ending now: a demand of 40 requests/s, each step off by up to ±90% at random. */
    private HistoryReader noise() {
        Random random = new Random(11);
        List<DemandHistory.Point> points = new ArrayList<>();
        for (Instant t = clock.instant().minus(Duration.ofDays(2)); !t.isAfter(clock.instant()); t = t.plus(Duration.ofMinutes(5))) {
            points.add(new DemandHistory.Point(t, 40 * (1 + 0.9 * (2 * random.nextDouble() - 1))));
        }
        return (req, from, to, step) -> new DemandHistory(points, null, "requests_per_second");
    }

    private PoolForecast.Forecasted evaluate(PoolSettings settings, HistoryReader history) {
        SignalSnapshot signals = SignalSnapshot.builder().observedAt(clock.instant())
                .present(Signal.TTFT_P99_MS, 300).present(Signal.TPOT_P99_MS, 30).present(Signal.UTILIZATION_PERCENT, 50)
                .present(Signal.QUEUE_DEPTH, 0).present(Signal.REQUEST_RATE, 40).build();
        ScalingState state = new ScalingState(3, 3, null, null);
        PolicyOutcome adaptive = new CostAwarePolicy().evaluate(settings.policy(), signals, state,
                AdaptiveMemory.fresh(LearnedState.NONE), clock);
        PoolForecast forecast = PoolForecast.restored(settings.forecast(), null);
        forecast.observeDemand(history, request, settings, signals, clock.instant());
        return forecast.apply(settings, signals, state, adaptive, clock.instant());
    }

    @Test
    void aForecastWhoseErrorIsAboveTheMaximumIsIgnoredAndTheConditionSaysThePoolRunsReactive() {
        PoolForecast.Forecasted forecasted = evaluate(adaptive(30), noise());

        assertThat(forecasted.view().plan().state()).isEqualTo(ForecastPlan.State.ERROR_TOO_HIGH);
        assertThat(forecasted.view().errorPercent()).isGreaterThan(30);
        assertThat(forecasted.view().applied()).isFalse();
        assertThat(forecasted.outcome().decision().reason()).isNotEqualTo(Reason.FORECAST);
        assertThat(forecasted.outcome().decision().checks()).noneMatch(check -> check.rule().equals("forecast"));
        Condition condition = reliable(forecasted.view());
        assertThat(condition.getStatus()).isEqualTo("False");
        assertThat(condition.getReason()).isEqualTo(ForecastReliableCondition.ERROR_TOO_HIGH);
        assertThat(condition.getMessage()).contains("above spec.scaling.forecast.maxErrorPercent 30.0%",
                "it is ignored and the pool runs reactive");
    }

    @Test
    void theSameForecastWithinAWiderMaximumTakesPartInTheDecision() {
        PoolForecast.Forecasted forecasted = evaluate(adaptive(1000), noise());

        assertThat(forecasted.view().plan().usable()).isTrue();
        assertThat(forecasted.view().applied()).isTrue();
        assertThat(forecasted.outcome().decision().checks()).anyMatch(check -> check.rule().equals("forecast"));
        assertThat(reliable(forecasted.view()).getStatus()).isEqualTo("True");
    }

    @Test
    void aHistoryThatCannotBeReadLeavesNoForecastAndTheConditionQuotesWhy() {
        HistoryReader down = (req, from, to, step) -> DemandHistory.failed("llm/pool requestsPerSecond history: unreachable: "
                + "cannot connect to http://127.0.0.1:9 (connection refused)", null);

        PoolForecast.Forecasted forecasted = evaluate(adaptive(30), down);

        assertThat(forecasted.view().plan().state()).isEqualTo(ForecastPlan.State.NO_FORECAST);
        Condition condition = reliable(forecasted.view());
        assertThat(condition.getStatus()).isEqualTo("False");
        assertThat(condition.getReason()).isEqualTo(ForecastReliableCondition.NO_FORECAST);
        assertThat(condition.getMessage()).startsWith("No forecast yet, so the pool runs reactive: the history could not be read")
                .contains("connection refused");
    }

    private Condition reliable(ForecastView view) {
        ConditionSet conditions = new ConditionSet(List.of(), 1L, "2026-03-02T08:00:00Z");
        ForecastReliableCondition.applyTo(conditions, view, adaptive(30).forecast().seasonality());
        return conditions.build().get(0);
    }
}
