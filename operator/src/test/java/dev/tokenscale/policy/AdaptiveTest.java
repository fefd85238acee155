package dev.tokenscale.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Adaptive policy's arithmetic from hand-computed values. The pool: 1..20 replicas, target 70%,
 * SLO 500ms/50ms, cooldowns 60s up and 300s down, signals over a 15s window.
 */
class AdaptiveTest {

    private static final Instant T0 = Pools.NOW;
    private static final Duration WINDOW = Duration.ofSeconds(15);
    private final CostAwarePolicy policy = new CostAwarePolicy();

    private static PolicySettings adaptive(Double hint) {
        return PolicySettings.seedDefaults(1, 20, 8, 2.0).withPolicy(StepPolicy.ADAPTIVE,
                PolicySettings.UNLIMITED, PolicySettings.UNLIMITED, new AdaptiveSettings(hint, WINDOW));
    }

    /** Within the SLO, no queue: utilization and request rate as given. */
    private static SignalSnapshot load(double utilization, double requestRate) {
        return SignalSnapshot.builder().observedAt(T0)
                .present(Signal.TTFT_P99_MS, 300).present(Signal.TPOT_P99_MS, 30)
                .present(Signal.UTILIZATION_PERCENT, utilization).present(Signal.QUEUE_DEPTH, 0)
                .present(Signal.REQUEST_RATE, requestRate).build();
    }

    private static SignalSnapshot breach(double utilization, double requestRate) {
        return SignalSnapshot.builder().observedAt(T0)
                .present(Signal.TTFT_P99_MS, 900).present(Signal.TPOT_P99_MS, 30)
                .present(Signal.UTILIZATION_PERCENT, utilization).present(Signal.QUEUE_DEPTH, 0)
                .present(Signal.REQUEST_RATE, requestRate).build();
    }

    /** A memory that already learned {@code capacity} from ten samples, ready replicas seen unchanged long ago. */
    private static AdaptiveMemory learned(double capacity, int ready) {
        LearnedState state = new LearnedState(capacity, 10, Collections.nCopies(10, capacity), T0.minusSeconds(600));
        return new AdaptiveMemory(state, DesiredWindow.EMPTY, ready, T0.minusSeconds(600), true, RecentDemand.EMPTY, null);
    }

    private PolicyOutcome at(Instant when, PolicySettings settings, SignalSnapshot signals, ScalingState state, AdaptiveMemory memory) {
        return policy.evaluate(settings, signals, state, memory, Clock.fixed(when, ZoneOffset.UTC));
    }

    @Test
    void aSampleIsTheRequestRateOverReadyReplicasOverUtilization() {
        // 40 rps on 4 ready replicas at 50%: 40 / 4 / 0.5 = 20 rps a replica at 100%.
        PolicyOutcome first = at(T0, adaptive(null), load(50, 40), Pools.ready(4), AdaptiveMemory.fresh(LearnedState.NONE));
        assertThat(first.memory().learned().samples()).as("the first sight of the ready replicas is no proof they were stable").isZero();

        PolicyOutcome second = at(T0.plus(WINDOW), adaptive(null), load(50, 40), Pools.ready(4), first.memory());

        assertThat(second.memory().learned().samples()).isEqualTo(1);
        assertThat(second.memory().learned().capacityRequestsPerSecond()).isCloseTo(20, within(1e-9));
        assertThat(second.memory().learned().updatedTime()).isEqualTo(T0.plus(WINDOW));
    }

    @Test
    void noSampleOutsideFifteenToNinetyFivePercentWithABacklogOrRightAfterTheReadyReplicasChanged() {
        AdaptiveMemory stable = learned(20, 4);
        assertThat(at(T0, adaptive(null), load(10, 8), Pools.ready(4), stable).memory().learned().samples()).isEqualTo(10);
        assertThat(at(T0, adaptive(null), load(97, 77.6), Pools.ready(4), stable).memory().learned().samples()).isEqualTo(10);
        SignalSnapshot queued = SignalSnapshot.builder().observedAt(T0).present(Signal.TTFT_P99_MS, 300)
                .present(Signal.TPOT_P99_MS, 30).present(Signal.UTILIZATION_PERCENT, 60).present(Signal.QUEUE_DEPTH, 8)
                .present(Signal.REQUEST_RATE, 48).build();
        assertThat(at(T0, adaptive(null), queued, Pools.ready(4), stable).memory().learned().samples()).isEqualTo(10);
        // Ready went from 4 to 5 just now: the window still describes 4.
        assertThat(at(T0, adaptive(null), load(50, 50), Pools.ready(5), stable).memory().learned().samples()).isEqualTo(10);
    }

    @Test
    void theEstimateIsTheMedianOfTheLastTwentySamples() {
        LearnedState state = LearnedState.NONE;
        for (double sample : List.of(18.0, 22.0, 20.0, 30.0, 19.0)) {
            state = state.withSample(sample, T0);
        }
        // 18 19 20 22 30: the middle one.
        assertThat(state.capacityRequestsPerSecond()).isEqualTo(20);
        // 18 19 20 22 30 31: (20 + 22) / 2.
        assertThat(state.withSample(31, T0).capacityRequestsPerSecond()).isEqualTo(21);

        LearnedState many = LearnedState.NONE;
        for (int i = 1; i <= 21; i++) {
            many = many.withSample(i, T0);
        }
        // 2..21 remain (sample 1 dropped out): median (11 + 12) / 2.
        assertThat(many.recentSamples()).hasSize(20).startsWith(2.0);
        assertThat(many.samples()).isEqualTo(21);
        assertThat(many.capacityRequestsPerSecond()).isEqualTo(11.5);
    }

    @Test
    void anSloBreachCapsTheEstimateSoThatLoadIsNeverPlannedAgain() {
        // Breach at 52 rps on 4 ready: 13 a replica. At 70% target the capacity may be at most 13 / 0.7 = 18.571.
        PolicyOutcome outcome = at(T0, adaptive(null), breach(65, 52), Pools.ready(4), learned(20, 4));

        assertThat(outcome.memory().learned().capacityRequestsPerSecond()).isCloseTo(13 / 0.7, within(1e-9));
        assertThat(outcome.memory().learned().recentSamples()).allSatisfy(s -> assertThat(s).isCloseTo(13 / 0.7, within(1e-9)));
        assertThat(outcome.memory().learned().samples()).as("a cap is not a sample").isEqualTo(10);
    }

    @Test
    void desiredIsDemandOverCapacityTimesTargetAndTheScaleUpGoesThereInOneStep() {
        // 100 rps / (20 x 0.7) = 7.14 -> 8 replicas, from 4 in one decision.
        PolicyOutcome outcome = at(T0, adaptive(null), load(100, 100), Pools.ready(4), learned(20, 4));

        assertThat(outcome.sizing().desired()).isEqualTo(8);
        assertThat(outcome.sizing().capacitySource()).isEqualTo(CapacitySource.LEARNED);
        assertThat(outcome.decision().action()).isEqualTo(Action.SCALE_UP);
        assertThat(outcome.decision().reason()).isEqualTo(Reason.DEMAND);
        assertThat(outcome.decision().to()).isEqualTo(8);
    }

    @Test
    void theVisibleQueueCountsAsDemandDrainedOverTheScaleUpCooldown() {
        // 84 rps + 120 waiting / 60 s = 86 rps -> 86 / 14 = 6.14 -> 7 replicas (84 alone would be 6).
        SignalSnapshot queued = SignalSnapshot.builder().observedAt(T0).present(Signal.TTFT_P99_MS, 300)
                .present(Signal.TPOT_P99_MS, 30).present(Signal.UTILIZATION_PERCENT, 100).present(Signal.QUEUE_DEPTH, 120)
                .present(Signal.REQUEST_RATE, 84).build();

        PolicyOutcome outcome = at(T0, adaptive(null), queued, Pools.ready(6), learned(20, 6));

        assertThat(outcome.sizing().demandRps()).isEqualTo(86);
        assertThat(outcome.decision().to()).isEqualTo(7);
    }

    @Test
    void replicasOrderedButNotReadyCountAsCapacityOnTheWay() {
        // 8 ordered, 5 ready. 90 rps needs ceil(90 / 14) = 7: covered, nothing more is ordered.
        PolicyOutcome covered = at(T0, adaptive(null), load(90, 90), Pools.starting(8, 5), learned(20, 5));
        assertThat(covered.decision().action()).isEqualTo(Action.NONE);
        assertThat(covered.decision().reason()).isEqualTo(Reason.REPLICAS_STARTING);

        // 140 rps needs 10: the difference is ordered now, not after the 3 starting replicas are ready.
        PolicyOutcome outgrown = at(T0, adaptive(null), load(100, 140), Pools.starting(8, 5), learned(20, 5));
        assertThat(outgrown.decision().to()).isEqualTo(10);
        assertThat(outgrown.decision().reason()).isEqualTo(Reason.DEMAND);
    }

    /** Four readings 15s apart ending at {@code end}: what the window's mean of the last four is made of. */
    private PolicyOutcome steady(Instant end, PolicySettings settings, SignalSnapshot signals, ScalingState state, AdaptiveMemory memory) {
        PolicyOutcome outcome = null;
        for (int i = 3; i >= 0; i--) {
            outcome = at(end.minusSeconds(15L * i), settings, signals, state, outcome == null ? memory : outcome.memory());
        }
        return outcome;
    }

    @Test
    void scaleUpSizesOnTheMeanOfTheLastTwoReadingsAndTheWindowOnTheLastFour() {
        PolicySettings settings = adaptive(null);
        PolicyOutcome calm = steady(T0, settings, load(50, 70), Pools.ready(10), learned(20, 10));
        // Readings 70, 70, 70, 126: scale-up on (70 + 126) / 2 = 98 -> 7; the window on (3 x 70 + 126) / 4 = 84 -> 6.
        PolicyOutcome spike = at(T0.plusSeconds(15), settings, load(90, 126), Pools.ready(10), calm.memory());
        assertThat(spike.sizing().demandRps()).isEqualTo(98);
        assertThat(spike.sizing().desired()).isEqualTo(7);
        assertThat(spike.memory().window().entries()).last().extracting(DesiredWindow.Entry::desired).isEqualTo(6);
    }

    @Test
    void scaleDownGoesToTheHighestDesiredCountOfTheScaleDownWindow() {
        PolicySettings settings = adaptive(null);
        // Up to t0: 140 rps -> 10 desired. The pool has 10.
        PolicyOutcome peak = steady(T0, settings, load(70, 140), Pools.ready(10), learned(20, 10));
        assertThat(peak.sizing().desired()).isEqualTo(10);
        // Up to t0+2m: 84 rps -> 84 / 14 = 6 desired, but 10 were needed 2 minutes ago: hold.
        PolicyOutcome dip = steady(T0.plusSeconds(120), settings, load(42, 84), Pools.ready(10), peak.memory());
        assertThat(dip.sizing().desired()).isEqualTo(6);
        assertThat(dip.sizing().windowMax()).isEqualTo(10);
        assertThat(dip.decision().action()).isEqualTo(Action.NONE);
        // Up to t0+4m: still 6 desired.
        PolicyOutcome middle = steady(T0.plusSeconds(240), settings, load(42, 84), Pools.ready(10), dip.memory());
        assertThat(middle.decision().action()).isEqualTo(Action.NONE);
        // Up to t0+7m: 56 rps -> 4 desired. What the dip's first readings still averaged with the peak (9, 8, 7
        // up to t0+1m45) is older than the 300s window; the highest left is 6: down to 6 in one step.
        PolicyOutcome after = steady(T0.plusSeconds(420), settings, load(28, 56), Pools.ready(10), middle.memory());
        assertThat(after.sizing().windowMax()).isEqualTo(6);
        assertThat(after.decision().action()).isEqualTo(Action.SCALE_DOWN);
        assertThat(after.decision().reason()).isEqualTo(Reason.EXCESS_CAPACITY);
        assertThat(after.decision().to()).isEqualTo(6);
    }

    @Test
    void neverScalesDownWithinTheScaleUpCooldownOfAScaleUp() {
        AdaptiveMemory memory = learned(20, 10);
        ScalingState justScaledUp = new ScalingState(10, 10, T0.minusSeconds(30), null);
        AdaptiveMemory aged = memory.withWindow(DesiredWindow.EMPTY.record(T0.minusSeconds(400), 10, Duration.ofSeconds(300)));

        PolicyOutcome outcome = at(T0, adaptive(null), load(28, 56), justScaledUp, aged);

        assertThat(outcome.decision().action()).isEqualTo(Action.NONE);
        assertThat(outcome.decision().reason()).isEqualTo(Reason.COOLDOWN);
        assertThat(outcome.decision().message()).contains("30s left");
    }

    @Test
    void aMissingRequestRateNeverScalesDownAndSaysWhichSignal() {
        AdaptiveMemory memory = learned(20, 10).withWindow(DesiredWindow.EMPTY.record(T0.minusSeconds(400), 10,
                Duration.ofSeconds(300)));
        SignalSnapshot noDemand = SignalSnapshot.builder().observedAt(T0).present(Signal.TTFT_P99_MS, 300)
                .present(Signal.TPOT_P99_MS, 30).present(Signal.UTILIZATION_PERCENT, 20).present(Signal.QUEUE_DEPTH, 0)
                .missing(Signal.REQUEST_RATE, MissingReason.NO_SERIES, "no series").build();

        PolicyOutcome outcome = at(T0, adaptive(null), noDemand, Pools.ready(10), memory);

        assertThat(outcome.decision().action()).isEqualTo(Action.NONE);
        assertThat(outcome.decision().message()).contains("requestsPerSecond missing").contains("does not scale down blind");
    }

    @Test
    void aMissingLatencyNeverScalesDownEither() {
        AdaptiveMemory memory = learned(20, 10).withWindow(DesiredWindow.EMPTY.record(T0.minusSeconds(400), 10,
                Duration.ofSeconds(300)));
        SignalSnapshot noTpot = SignalSnapshot.builder().observedAt(T0).present(Signal.TTFT_P99_MS, 300)
                .missing(Signal.TPOT_P99_MS, MissingReason.ERROR, "timeout").present(Signal.UTILIZATION_PERCENT, 20)
                .present(Signal.QUEUE_DEPTH, 0).present(Signal.REQUEST_RATE, 28).build();

        PolicyOutcome outcome = at(T0, adaptive(null), noTpot, Pools.ready(10), memory);

        assertThat(outcome.decision().action()).isEqualTo(Action.NONE);
        assertThat(outcome.decision().message()).contains("tpotP99Ms missing");
    }

    @Test
    void theHintSizesUntilTenSamplesAndWithNeitherItSizesOnUtilizationAsProportional() {
        // Hint 25: 100 rps / (25 x 0.7) = 5.71 -> 6.
        PolicyOutcome hinted = at(T0, adaptive(25.0), load(100, 100), Pools.ready(4), AdaptiveMemory.fresh(LearnedState.NONE));
        assertThat(hinted.sizing().capacitySource()).isEqualTo(CapacitySource.HINT);
        assertThat(hinted.decision().to()).isEqualTo(6);

        // Nine samples of 20 are not enough to override the hint.
        LearnedState nine = new LearnedState(20.0, 9, Collections.nCopies(9, 20.0), T0);
        AdaptiveMemory memory = new AdaptiveMemory(nine, DesiredWindow.EMPTY, 4, T0.minusSeconds(600), true, RecentDemand.EMPTY, null);
        assertThat(at(T0, adaptive(25.0), load(100, 100), Pools.ready(4), memory).sizing().capacitySource())
                .isEqualTo(CapacitySource.HINT);

        // No hint, no samples: 4 ready at 98% for a 70% target -> ceil(4 x 98 / 70) = 6.
        PolicyOutcome blind = at(T0, adaptive(null), load(98, 100), Pools.ready(4), AdaptiveMemory.fresh(LearnedState.NONE));
        assertThat(blind.sizing().capacitySource()).isEqualTo(CapacitySource.NONE);
        assertThat(blind.decision().to()).isEqualTo(6);
    }

    @Test
    void anSloBreachForcesAtLeastOneMoreReplicaThanAreReady() {
        // 52 rps on 4 replicas sized for 20 a replica needs 4, but P99 TTFT breaches: 5.
        PolicyOutcome outcome = at(T0, adaptive(null), breach(65, 52), Pools.ready(4), learned(20, 4));

        assertThat(outcome.decision().to()).isEqualTo(5);
        assertThat(outcome.decision().reason()).isEqualTo(Reason.SLO_VIOLATION);
    }

    @Test
    void demandThatRoseSinceAnHourAgoKeepsRoomForTheSameRiseAgain() {
        PolicySettings settings = adaptive(null);
        AdaptiveMemory memory = learned(20, 8);
        // 70 and 72 rps in the minute an hour ago, 98 in the last two readings: the rise of 98 - 71 = 27 is planned for, 125 / 14 = 8.93 -> 9.
        PolicyOutcome before = at(T0.minusSeconds(3600), settings, load(62.5, 70), Pools.ready(8), memory);
        PolicyOutcome same = at(T0.minusSeconds(3590), settings, load(64, 72), Pools.ready(8), before.memory());
        PolicyOutcome rising = at(T0.minusSeconds(15), settings, load(87.5, 98), Pools.ready(8), same.memory());
        PolicyOutcome now = at(T0, settings, load(87.5, 98), Pools.ready(8), rising.memory());

        assertThat(now.sizing().demandRps()).isCloseTo(125, within(1e-9));
        assertThat(now.decision().to()).isEqualTo(9);

        // Half an hour of history is not an hour: no room is kept yet.
        PolicyOutcome young = at(T0.minusSeconds(1800), settings, load(62.5, 70), Pools.ready(8), memory);
        PolicyOutcome youngRising = at(T0.minusSeconds(15), settings, load(87.5, 98), Pools.ready(8), young.memory());
        assertThat(at(T0, settings, load(87.5, 98), Pools.ready(8), youngRising.memory()).sizing().demandRps()).isEqualTo(98);
    }

    @Test
    void desiredStaysWithinTheBoundsWhateverTheDemand() {
        PolicyOutcome huge = at(T0, adaptive(null), load(100, 1e12), Pools.ready(4), learned(20, 4));
        assertThat(huge.decision().to()).isEqualTo(20);
        PolicyOutcome none = at(T0, adaptive(null), load(0, 0), Pools.ready(1), learned(20, 1));
        assertThat(none.decision().to()).isEqualTo(1);
    }

    @Test
    void desiredWindowKeepsOnlyEntriesThatCanStillBeTheMaximum() {
        Duration window = Duration.ofMinutes(5);
        DesiredWindow w = DesiredWindow.EMPTY;
        for (int i = 0; i < 1000; i++) {
            w = w.record(T0.plusSeconds(i), 5, window);
        }
        assertThat(w.entries()).hasSize(1);
        w = w.record(T0.plusSeconds(1000), 9, window).record(T0.plusSeconds(1001), 3, window);
        assertThat(w.max(T0.plusSeconds(1001), window)).hasValue(9);
        assertThat(w.max(T0.plusSeconds(1300), window)).hasValue(9);
        assertThat(w.max(T0.plusSeconds(1301), window)).hasValue(3);
    }
}
