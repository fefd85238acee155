package dev.tokenscale.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenscale.cost.PoolCost;
import dev.tokenscale.policy.CostAwarePolicy;
import dev.tokenscale.policy.Decision;
import dev.tokenscale.policy.PolicySettings;
import dev.tokenscale.policy.Reason;
import dev.tokenscale.policy.StepPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReactiveStrategyTest {

    /** One decision of the reactive strategy: what it saw and what it answered. */
    private record Step(StepView view, int answer, Decision decision) {}

    /** Wraps the reactive strategy and keeps every step, so a test can check each decision. */
    private static final class Recording implements Strategy {
        final ReactiveStrategy reactive;
        final List<Step> steps = new ArrayList<>();

        Recording(ReactiveStrategy reactive) {
            this.reactive = reactive;
        }

        @Override
        public String name() {
            return reactive.name();
        }

        @Override
        public int initialReplicas() {
            return reactive.initialReplicas();
        }

        @Override
        public int replicasFor(StepView view) {
            int answer = reactive.replicasFor(view);
            steps.add(new Step(view, answer, reactive.lastDecision()));
            return answer;
        }
    }

    private static Recording replay(ReplayScenario scenario, int initialReplicas) {
        Recording recording = new Recording(new ReactiveStrategy(new CostAwarePolicy(), scenario.settings(),
                initialReplicas, new ReplayClock(ReplayScenario.START)));
        Replay.run(scenario, List.of(recording), ReplayProgress.NONE);
        return recording;
    }

    /** A spiky day: bursts well past capacity, lulls to nothing. */
    private static TrafficProfile spiky() {
        return Scenarios.traffic("""
                seconds,rps
                0,5
                600,250
                1500,0
                2400,120
                2700,400
                3300,10
                5400,180
                7200,0
                """);
    }

    @Test
    void neverLeavesThePoolsBoundsOnTheSeedDayOrASpikyOne() {
        for (TrafficProfile traffic : List.of(BuiltInTraffic.SEED_DIURNAL.load(), spiky())) {
            ReplayScenario scenario = Scenarios.seed(traffic, 2, 6, Duration.ofSeconds(15), Duration.ofSeconds(90));

            Recording recording = replay(scenario, 2);

            assertThat(recording.steps).extracting(Step::answer).allSatisfy(replicas ->
                    assertThat(replicas).isBetween(2, 6));
            assertThat(recording.steps).extracting(Step::answer).contains(2, 6);
        }
    }

    @Test
    void bringsAPoolStartedOutsideItsBoundsBackInAtOnce() {
        ReplayScenario scenario = Scenarios.seed(spiky(), 2, 6, Duration.ofSeconds(15), Duration.ofSeconds(90));

        Recording recording = replay(scenario, 9);

        assertThat(recording.steps.get(0).answer()).isEqualTo(6);
        assertThat(recording.steps.get(0).decision().reason()).isEqualTo(Reason.OUT_OF_BOUNDS);
    }

    @Test
    void respectsBothCooldownsAndHoldsScaleUpsWhileReplicasStart() {
        PolicySettings settings = new PolicySettings(1, 12, Duration.ofMillis(500), Duration.ofMillis(50),
                80, 30, 70, 4.0, Duration.ofSeconds(90), Duration.ofSeconds(240),
                StepPolicy.STEP, 1, 1, 8, 2.00);
        ReplayScenario scenario = new ReplayScenario(spiky(), settings, LoadModel.Params.seedDefaults(),
                Duration.ofSeconds(10), Duration.ofSeconds(45), new PoolCost(8, 2.00, 0));

        Recording recording = replay(scenario, 1);

        Instant lastUp = null;
        Instant lastDown = null;
        int ups = 0;
        int downs = 0;
        for (Step step : recording.steps) {
            StepView view = step.view();
            if (step.answer() > view.replicas()) {
                ups++;
                assertThat(view.readyReplicas()).as("scale-up at %s with replicas still starting", view.time())
                        .isEqualTo(view.replicas());
                if (lastUp != null) {
                    assertThat(Duration.between(lastUp, view.time())).isGreaterThanOrEqualTo(Duration.ofSeconds(90));
                }
                lastUp = view.time();
            } else if (step.answer() < view.replicas()) {
                downs++;
                for (Instant last : new Instant[] {lastUp, lastDown}) {
                    if (last != null) {
                        assertThat(Duration.between(last, view.time())).as("scale-down at %s", view.time())
                                .isGreaterThanOrEqualTo(Duration.ofSeconds(240));
                    }
                }
                lastDown = view.time();
            }
        }
        assertThat(ups).isGreaterThan(3);
        assertThat(downs).isGreaterThan(3);
        assertThat(recording.steps).extracting(step -> step.decision().reason())
                .contains(Reason.COOLDOWN, Reason.REPLICAS_STARTING, Reason.SLO_VIOLATION, Reason.LOW_UTILIZATION);
    }

    @Test
    void scalesUpThroughTheMorningAndBackDownAtNight() {
        ReplayScenario scenario = Scenarios.seed(BuiltInTraffic.SEED_DIURNAL.load(), 1, 16,
                Duration.ofSeconds(15), Duration.ofSeconds(120));

        Recording recording = replay(scenario, 2);
        int atNoon = recording.steps.get(12 * 240).answer();
        int atFourAm = recording.steps.get(4 * 240).answer();

        assertThat(atNoon).isGreaterThanOrEqualTo(10);
        assertThat(atFourAm).isLessThanOrEqualTo(2);
    }

    @Test
    void idleTrafficReadsAsIdleLatencySoThePoolCanScaleDownToItsMinimum() {
        ReplayScenario scenario = Scenarios.seed(Scenarios.traffic("seconds,rps\n0,0\n3600,0\n"), 1, 8,
                Duration.ofSeconds(15), Duration.ofSeconds(120));

        Recording recording = replay(scenario, 5);

        assertThat(recording.steps.get(recording.steps.size() - 1).answer()).isEqualTo(1);
        assertThat(recording.steps).extracting(step -> step.decision().reason()).doesNotContain(Reason.METRICS_UNAVAILABLE);
    }
}
