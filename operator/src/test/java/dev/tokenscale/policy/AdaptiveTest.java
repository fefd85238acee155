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

    /** A learned memory whose demand level averages {@code readings} readings, with the readings' relative noise variance given. */
    private static AdaptiveMemory withDemand(AdaptiveMemory memory, double level, int readings, double noiseVariance) {
        return memory.withRecentDemand(new RecentDemand(List.of(), null, level, readings, noiseVariance));
    }

    @Test
    void aReadingWithinThreeSigmasOfTheLevelIsAveragedInAndOneBeyondIsSizedAtOnce() {
        PolicySettings settings = adaptive(null);
        // Four readings of 70 rps, readings' noise 10% (variance 0.01): 3 sigma is 30% of the level.
        AdaptiveMemory memory = withDemand(learned(20, 10), 70, 4, 0.01);

        // 84 is 20% above 70: noise, averaged in: (4 x 70 + 84) / 5 = 72.8 -> ceil(72.8 / 14) = 6.
        PolicyOutcome noisy = at(T0, settings, load(60, 84), Pools.ready(10), memory);
        assertThat(noisy.sizing().demandRps()).isCloseTo(72.8, within(1e-9));
        assertThat(noisy.sizing().desired()).isEqualTo(6);

        // 98 is 40% above 70: a shift, sized at once: ceil(98 / 14) = 7.
        PolicyOutcome jump = at(T0, settings, load(70, 98), Pools.ready(10), memory);
        assertThat(jump.sizing().demandRps()).isEqualTo(98);
        assertThat(jump.sizing().desired()).isEqualTo(7);
        assertThat(jump.memory().recentDemand().justShifted()).isTrue();
    }

    @Test
    void theReadingsNoiseIsTheirSquaredRelativeResidualAveragedOverThirtyTwoReadings() {
        RecentDemand first = RecentDemand.EMPTY.record(T0, 100);
        assertThat(first.level()).isEqualTo(100);
        assertThat(first.noise()).isZero();

        // 102 is 2% off 100, below the 3% least shift: averaged. Residual 0.02, squared 0.0004, times
        // 1/2 for the level's own error (one reading), over 32: variance 0.00000625.
        RecentDemand second = first.record(T0.plusSeconds(15), 102);
        assertThat(second.level()).isEqualTo(101);
        assertThat(second.noiseVariance()).isCloseTo(0.00000625, within(1e-15));
        assertThat(second.justShifted()).isFalse();

        // Without noise any change of 3% or more is a shift: 130 restarts the level.
        RecentDemand third = second.record(T0.plusSeconds(30), 130);
        assertThat(third.level()).isEqualTo(130);
        assertThat(third.justShifted()).isTrue();
    }

    @Test
    void theLevelIsAPlainMeanOfTheFirstReadingsThenAnExponentialMeanWeightingTheNewestByTwoOverSixtyOne() {
        RecentDemand demand = RecentDemand.EMPTY;
        for (int i = 0; i < 65; i++) {
            demand = demand.record(T0.plusSeconds(15L * i), 100);
        }
        assertThat(demand.readings()).isEqualTo(60);
        // 102 is 2%, no shift: 100 + 2 x 2 / 61.
        RecentDemand next = demand.record(T0.plusSeconds(15L * 65), 102);
        assertThat(next.level()).isCloseTo(100 + 2 * 2.0 / 61, within(1e-12));

        // Within the first readings the weight is 1 / n: 100, then 102 gives 101, then 101 gives 101.
        RecentDemand young = RecentDemand.EMPTY.record(T0, 100).record(T0.plusSeconds(15), 102).record(T0.plusSeconds(30), 101);
        assertThat(young.level()).isCloseTo(101, within(1e-12));
        assertThat(young.readings()).isEqualTo(3);
    }

    @Test
    void aBreachWithEveryReplicaServingAddsRoomAndCalmTakesItBackSlowly() {
        PolicySettings settings = adaptive(null);
        AdaptiveMemory memory = withDemand(learned(20, 10), 100, 2, 0.01);
        // 900 ms TTFT on 10 ready of 10 at a level that did not shift: a sizing miss, 0.05 x (1 - 0.0015).
        PolicyOutcome miss = at(T0, settings, breach(70, 100), Pools.ready(10), memory);
        assertThat(miss.memory().sloHeadroom().share()).isCloseTo(0.049925, within(1e-12));
        // The room is kept above the level: 100 x 1.049925.
        assertThat(miss.sizing().demandRps()).isCloseTo(104.9925, within(1e-9));

        // An evaluation within the SLO takes 0.05 x 0.0015 = 0.000075 back.
        PolicyOutcome calm = at(T0.plusSeconds(15), settings, load(50, 100), Pools.ready(10), miss.memory());
        assertThat(calm.memory().sloHeadroom().share()).isCloseTo(0.04985, within(1e-12));
    }

    @Test
    void aBreachWhileReplicasStartOrRightAfterTheDemandJumpedTeachesNoRoom() {
        PolicySettings settings = adaptive(null);
        AdaptiveMemory memory = withDemand(learned(20, 10), 100, 2, 0.01);
        PolicyOutcome starting = at(T0, settings, breach(70, 100), new ScalingState(12, 10, T0.minusSeconds(600), null), memory);
        assertThat(starting.memory().sloHeadroom().share()).isZero();
        // 150 is 50% above the level, beyond 3 sigma: a jump, which the rise room plans for.
        PolicyOutcome jumped = at(T0, settings, breach(90, 150), Pools.ready(10), memory);
        assertThat(jumped.memory().sloHeadroom().share()).isZero();
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
        long minute = Math.floorDiv(T0.getEpochSecond(), 60);
        // The minute an hour ago averaged 70 and 72; the level is 98, exact readings (no noise).
        RecentDemand recent = new RecentDemand(List.of(new RecentDemand.Entry(minute - 60, 142, 2)),
                new RecentDemand.Entry(minute - 1, 98, 1), 98, 1, 0);
        PolicyOutcome now = at(T0, settings, load(87.5, 98), Pools.ready(8), learned(20, 8).withRecentDemand(recent));

        // The rise of 98 - 71 = 27 is planned for: 125 / 14 = 8.93 -> 9.
        assertThat(now.sizing().demandRps()).isCloseTo(125, within(1e-9));
        assertThat(now.decision().to()).isEqualTo(9);

        // Half an hour of history is not an hour: no room is kept yet.
        RecentDemand young = new RecentDemand(List.of(new RecentDemand.Entry(minute - 30, 142, 2)),
                new RecentDemand.Entry(minute - 1, 98, 1), 98, 1, 0);
        assertThat(at(T0, settings, load(87.5, 98), Pools.ready(8), learned(20, 8).withRecentDemand(young)).sizing().demandRps())
                .isEqualTo(98);
    }

    @Test
    void aRiseWithinTheReadingsNoiseKeepsOnlyWhatExceedsIt() {
        PolicySettings settings = adaptive(null);
        long minute = Math.floorDiv(T0.getEpochSecond(), 60);
        // Readings' noise 10%: the level of four readings of 100 has 5% (5 rps), the minute an hour ago
        // (four readings of 80) 5% of 80 = 4 rps; together hypot(5, 4) = 6.4 rps of the rise of 20 is noise.
        RecentDemand recent = new RecentDemand(List.of(new RecentDemand.Entry(minute - 60, 320, 4)),
                new RecentDemand.Entry(minute - 1, 300, 3), 100, 3, 0.01);
        PolicyOutcome now = at(T0, settings, load(70, 100), Pools.ready(8), learned(20, 8).withRecentDemand(recent));

        double noise = Math.hypot(Math.sqrt(0.01 * 31 / 32 + 0) / 2 * 100, Math.sqrt(0.01 * 31 / 32) / 2 * 80);
        assertThat(now.sizing().demandRps()).isCloseTo(100 + 20 - noise, within(1e-9));
        assertThat(noise).isCloseTo(6.3, within(0.1));
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

    /** Two bursts 8 minutes apart, the larger 660 replica-seconds of work; scale-ups serve 120 s after their order. */
    private static AdaptiveMemory burstsRecur(int ready, BurstRecurrence.Current under) {
        AdaptiveMemory base = learned(20, ready);
        Instant first = T0.minusSeconds(600);
        BurstRecurrence bursts = new BurstRecurrence(List.of(
                new BurstRecurrence.Burst(first, 600, Duration.ofMinutes(1), first.plusSeconds(120)),
                new BurstRecurrence.Burst(first.plusSeconds(480), 660, Duration.ofMinutes(1), first.plusSeconds(600))),
                under, T0.minus(WINDOW), 1, 0);
        return new AdaptiveMemory(base.learned(), base.window(), base.lastReady(), base.readyChangedAt(), base.changeSeen(),
                base.recentDemand(), base.backlogSeenAt(), base.sloHeadroom(), bursts, new ReadyDelay(List.of(Duration.ofSeconds(120))));
    }

    @Test
    void whileBurstsRecurThePoolHoldsTheLargestBurstsWorkSpreadOverTheTimeAnOrderedReplicaTakesToServe() {
        // 2 rps needs ceil(2 / 14) = 1 replica, but ceil(660 / (120 s + the 15 s window)) = ceil(4.89) = 5 are held.
        PolicyOutcome outcome = at(T0, adaptive(null), load(5, 2), Pools.ready(2), burstsRecur(2, null));

        assertThat(outcome.decision().to()).isEqualTo(5);
        assertThat(outcome.decision().reason()).isEqualTo(Reason.DEMAND);
        assertThat(outcome.decision().checks()).anySatisfy(check -> assertThat(check.rule()).isEqualTo("bursts"));
    }

    @Test
    void aBurstTheHoldIsThereForOrdersNothingMoreWhileWithoutRecurrenceTheSameSignalsScaleUp() {
        SignalSnapshot burst = SignalSnapshot.builder().observedAt(T0)
                .present(Signal.TTFT_P99_MS, 20_000).present(Signal.TPOT_P99_MS, 200)
                .present(Signal.UTILIZATION_PERCENT, 100).present(Signal.QUEUE_DEPTH, 2000)
                .present(Signal.REQUEST_RATE, 200).build();
        BurstRecurrence.Current under = new BurstRecurrence.Current(T0.minus(WINDOW), 1, 75, null, true, Double.POSITIVE_INFINITY);

        PolicyOutcome held = at(T0, adaptive(null), burst, Pools.ready(5), burstsRecur(5, under));
        PolicyOutcome alone = at(T0, adaptive(null), burst, Pools.ready(5), learned(20, 5));

        assertThat(held.decision().to()).isEqualTo(5);
        assertThat(held.decision().action()).isEqualTo(Action.NONE);
        assertThat(alone.decision().to()).isGreaterThan(5);
    }

    @Test
    void aMemoryRestoredAfterARestartWithTheBurstsAndColdStartsStatusKeptGoesOnHoldingForTheBursts() {
        Instant first = T0.minusSeconds(600);
        List<BurstRecurrence.Burst> bursts = List.of(
                new BurstRecurrence.Burst(first, 600, Duration.ofMinutes(1), first.plusSeconds(120)),
                new BurstRecurrence.Burst(first.plusSeconds(480), 660, Duration.ofMinutes(1), first.plusSeconds(600)));
        LearnedState learned = learned(20, 2).learned();

        PolicyOutcome restored = at(T0, adaptive(null), load(5, 2), Pools.ready(2),
                AdaptiveMemory.restored(learned, bursts, new ReadyDelay(List.of(Duration.ofSeconds(120)))));
        PolicyOutcome forgotten = at(T0, adaptive(null), load(5, 2), Pools.ready(2), AdaptiveMemory.restored(learned, List.of(),
                ReadyDelay.NONE));

        // As before the restart: ceil(660 / (120 s + the 15 s window)) = 5 held; without the bursts, 2 rps needs the 2 it has.
        assertThat(restored.decision().to()).isEqualTo(5);
        assertThat(restored.decision().checks()).anySatisfy(check -> assertThat(check.rule()).isEqualTo("bursts"));
        assertThat(forgotten.decision().to()).isEqualTo(2);
    }
}
