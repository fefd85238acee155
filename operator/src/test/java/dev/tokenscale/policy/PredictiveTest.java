package dev.tokenscale.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/**
 * Adaptive plus the forecast, from hand-computed values. The pool: 1..20 replicas, target 70%,
 * capacity 20 requests/s a replica at 100% (14 at target), cooldowns 60s up and 300s down.
 */
class PredictiveTest {

    private static final Instant T0 = Pools.NOW;
    private static final Duration WINDOW = Duration.ofSeconds(15);
    private static final Duration HORIZON = Duration.ofSeconds(135);
    private final CostAwarePolicy policy = new CostAwarePolicy();

    private static PolicySettings adaptive() {
        return PolicySettings.seedDefaults(1, 20, 8, 2.0).withPolicy(StepPolicy.ADAPTIVE,
                PolicySettings.UNLIMITED, PolicySettings.UNLIMITED, new AdaptiveSettings(null, WINDOW));
    }

    private static SignalSnapshot load(double utilization, double requestRate) {
        return SignalSnapshot.builder().observedAt(T0)
                .present(Signal.TTFT_P99_MS, 300).present(Signal.TPOT_P99_MS, 30)
                .present(Signal.UTILIZATION_PERCENT, utilization).present(Signal.QUEUE_DEPTH, 0)
                .present(Signal.REQUEST_RATE, requestRate).build();
    }

    private static AdaptiveMemory learned() {
        LearnedState state = new LearnedState(20.0, 10, Collections.nCopies(10, 20.0), T0.minusSeconds(600));
        return new AdaptiveMemory(state, DesiredWindow.EMPTY, 3, T0.minusSeconds(600), true, RecentDemand.EMPTY, null);
    }

    private PolicyOutcome predictive(SignalSnapshot signals, ScalingState state, ForecastDemand forecast) {
        return predictive(signals, state, forecast, learned());
    }

    private PolicyOutcome predictive(SignalSnapshot signals, ScalingState state, ForecastDemand forecast, AdaptiveMemory memory) {
        PolicyOutcome adaptive = policy.evaluate(adaptive(), signals, state, memory, Clock.fixed(T0, ZoneOffset.UTC));
        return Predictive.apply(adaptive(), signals, state, adaptive, forecast, T0);
    }

    @Test
    void currentDemandIsAdaptivesLevelAndEverySizingKeepsTheRoomLearnedFromSloMisses() {
        // Readings 70, 70, 70 and now 84 with 10% noise: the level is (3 x 70 + 84) / 4 = 73.5. With 20%
        // learned room: 73.5 x 1.2 = 88.2 needs ceil(88.2 / 14) = 7 (the raw 84 alone would need 6).
        AdaptiveMemory memory = learned().withRecentDemand(new RecentDemand(java.util.List.of(), null, 70, 3, 0.01)).withSloHeadroom(new SloHeadroom(0.2));
        PolicyOutcome reactive = predictive(load(60, 84), Pools.ready(3), new ForecastDemand(20, 20, HORIZON, "trend only"), memory);
        assertThat(reactive.decision().to()).isEqualTo(7);

        // The forecast's 100 rps with the same room: 120 needs ceil(120 / 14) = 9.
        PolicyOutcome ahead = predictive(load(60, 84), Pools.ready(3), new ForecastDemand(100, 100, HORIZON, "daily profile"), memory);
        assertThat(ahead.decision().to()).isEqualTo(9);
    }

    @Test
    void aScaleDownNeverGoesBelowWhatTheLatestReadingNeeds() {
        // 125 is within 3 sigma of 10% noise around 100: the level of 100, 100, 100, 125 is 106.25 and
        // needs ceil(106.25 / 14) = 8, but the latest reading of 125 needs ceil(125 / 14) = 9 of the 10 held.
        AdaptiveMemory memory = learned().withRecentDemand(new RecentDemand(java.util.List.of(), null, 100, 3, 0.01));
        ScalingState ten = new ScalingState(10, 10, T0.minusSeconds(3600), null);
        PolicyOutcome outcome = predictive(load(62.5, 125), ten, new ForecastDemand(20, 20, HORIZON, "trend only"), memory);

        assertThat(outcome.decision().action()).isEqualTo(Action.SCALE_DOWN);
        assertThat(outcome.decision().to()).isEqualTo(9);
    }

    @Test
    void aRampForecastWithinTheHorizonOrdersItsReplicasBeforeTheLoadArrivesWithReasonForecast() {
        // 30 rps now needs ceil(30 / 14) = 3; 100 rps at the upper band within 2m15s needs ceil(100 / 14) = 8.
        PolicyOutcome outcome = predictive(load(54, 30), Pools.ready(3), new ForecastDemand(100, 100, HORIZON, "daily profile"));

        assertThat(outcome.decision().action()).isEqualTo(Action.SCALE_UP);
        assertThat(outcome.decision().reason()).isEqualTo(Reason.FORECAST);
        assertThat(outcome.decision().to()).isEqualTo(8);
        assertThat(outcome.decision().message()).startsWith("Scaling up from 3 to 8 replicas ahead of demand: the forecast (daily profile)"
                + " expects up to 100 requests/s within 2m15s, which needs 8 replicas");
        assertThat(outcome.decision().checks()).anySatisfy(check -> {
            assertThat(check.rule()).isEqualTo("forecast");
            assertThat(check.fired()).isTrue();
        });
    }

    @Test
    void theForecastNeverOrdersBeyondMaxReplicas() {
        PolicyOutcome outcome = predictive(load(54, 30), Pools.ready(3), new ForecastDemand(10_000, 10_000, HORIZON, "trend only"));

        assertThat(outcome.decision().to()).isEqualTo(20);
    }

    @Test
    void replicasTheForecastNeedsWithinTheScaleDownCooldownAreNotGivenBack() {
        // 10 rps now needs 1 of the 6; the load expected within 2m15s + 5m needs ceil(70 / 14) = 5.
        ScalingState six = new ScalingState(6, 6, T0.minusSeconds(3600), null);
        PolicyOutcome outcome = predictive(load(8, 10), six, new ForecastDemand(20, 70, HORIZON, "daily profile"));

        assertThat(outcome.decision().action()).isEqualTo(Action.SCALE_DOWN);
        assertThat(outcome.decision().to()).isEqualTo(5);
    }

    @Test
    void whatOnlyTheWholeWindowBandNeedsIsKeptButNeverOrdered() {
        // 30 rps now needs 3; the band within 2m15s needs ceil(40 / 14) = 3; the whole-window band
        // within 7m15s needs ceil(70 / 14) = 5: kept by a pool of six, not ordered by a pool of three.
        ForecastDemand forecast = new ForecastDemand(40, 70, HORIZON, "daily profile");
        ScalingState six = new ScalingState(6, 6, T0.minusSeconds(3600), null);

        PolicyOutcome three = predictive(load(54, 30), Pools.ready(3), forecast);
        PolicyOutcome fromSix = predictive(load(18, 30), six, forecast);

        assertThat(three.decision().to()).isEqualTo(3);
        assertThat(fromSix.decision().action()).isEqualTo(Action.SCALE_DOWN);
        assertThat(fromSix.decision().to()).isEqualTo(5);
    }

    @Test
    void aScaleDownIsSizedWithTheLearnedCapacityHalfAStandardErrorLower() {
        // Ten samples, 18 and 22 in turn, and this evaluation's 69 / 6 / 57.5% = 20: median 20, median
        // absolute deviation 2, a spread of 1.4826 x 2 / 20 = 14.8%, the median's error 1.2533 x 14.8%
        // / sqrt(11) = 5.6%; half of it keeps 14 x (1 - 0.028) = 13.61 requests/s a replica. 69 rps:
        // ceil(69 / 14) = 5 to order, but ceil(69 / 13.61) = 6 kept by a pool of six.
        java.util.List<Double> samples = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            samples.add(i % 2 == 0 ? 18.0 : 22.0);
        }
        LearnedState spread = new LearnedState(20.0, 10, samples, T0.minusSeconds(600));
        AdaptiveMemory memory = new AdaptiveMemory(spread, DesiredWindow.EMPTY, 6, T0.minusSeconds(600), true,
                RecentDemand.EMPTY, null);
        ScalingState six = new ScalingState(6, 6, T0.minusSeconds(3600), null);

        PolicyOutcome kept = predictive(load(57.5, 69), six, new ForecastDemand(69, 69, HORIZON, "daily profile"), memory);
        PolicyOutcome fromThree = predictive(load(57.5, 69), Pools.ready(3), new ForecastDemand(69, 69, HORIZON, "daily profile"), memory);

        assertThat(kept.decision().to()).isEqualTo(6);
        assertThat(fromThree.decision().to()).as("a scale-up orders for the estimate itself").isEqualTo(5);
    }

    @Test
    void theReplicasAReplayReadsAreTheAppliedDecisionsWithoutItsWords() {
        ScalingState six = new ScalingState(6, 6, T0.minusSeconds(3600), null);
        ScalingState sixJustUp = new ScalingState(6, 6, T0.minusSeconds(30), null);
        java.util.List<ForecastDemand> forecasts = java.util.List.of(new ForecastDemand(20, 20, HORIZON, "trend only"),
                new ForecastDemand(40, 70, HORIZON, "daily profile"), new ForecastDemand(100, 100, HORIZON, "daily profile"),
                new ForecastDemand(10_000, 10_000, HORIZON, "trend only"));
        for (ScalingState state : java.util.List.of(Pools.ready(3), six, sixJustUp)) {
            for (SignalSnapshot signals : java.util.List.of(load(54, 30), load(8, 10), load(90, 84))) {
                for (ForecastDemand forecast : forecasts) {
                    PolicyOutcome adaptive = policy.evaluate(adaptive(), signals, state, learned(), Clock.fixed(T0, ZoneOffset.UTC));
                    int applied = Predictive.apply(adaptive(), signals, state, adaptive, forecast, T0).decision().to();
                    assertThat(Predictive.replicas(adaptive(), signals, state, adaptive, forecast, T0))
                            .as("%s, %s, %s", state, signals, forecast).isEqualTo(applied);
                }
            }
        }
    }

    @Test
    void aFlatForecastBelowCurrentDemandLeavesTheReactiveSizing() {
        // 60 rps now needs ceil(60 / 14) = 5; the forecast wants less.
        PolicyOutcome outcome = predictive(load(80, 60), Pools.ready(3), new ForecastDemand(20, 20, HORIZON, "trend only"));

        assertThat(outcome.decision().action()).isEqualTo(Action.SCALE_UP);
        assertThat(outcome.decision().reason()).isEqualTo(Reason.DEMAND);
        assertThat(outcome.decision().to()).isEqualTo(5);
    }

    @Test
    void withoutACapacityToSizeWithAdaptivesDecisionStandsUnchanged() {
        PolicySettings settings = adaptive();
        SignalSnapshot signals = load(54, 30);
        PolicyOutcome adaptive = policy.evaluate(settings, signals, Pools.ready(3), AdaptiveMemory.fresh(LearnedState.NONE),
                Clock.fixed(T0, ZoneOffset.UTC));

        PolicyOutcome outcome = Predictive.apply(settings, signals, Pools.ready(3), adaptive,
                new ForecastDemand(100, 100, HORIZON, "daily profile"), T0);

        assertThat(outcome).isSameAs(adaptive);
    }

    @Test
    void aScaleDownTheForecastAllowsStillWaitsWhileASignalIsMissing() {
        SignalSnapshot blind = SignalSnapshot.builder().observedAt(T0)
                .present(Signal.TTFT_P99_MS, 300).missing(Signal.TPOT_P99_MS, MissingReason.NO_SERIES, "gone")
                .present(Signal.UTILIZATION_PERCENT, 8).present(Signal.QUEUE_DEPTH, 0)
                .present(Signal.REQUEST_RATE, 10).build();
        ScalingState six = new ScalingState(6, 6, T0.minusSeconds(3600), null);

        PolicyOutcome outcome = predictive(blind, six, new ForecastDemand(10, 10, HORIZON, "daily profile"));

        assertThat(outcome.decision().action()).isEqualTo(Action.NONE);
        assertThat(outcome.decision().to()).isEqualTo(6);
    }
}
