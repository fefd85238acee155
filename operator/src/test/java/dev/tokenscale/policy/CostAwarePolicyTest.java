package dev.tokenscale.policy;

import static dev.tokenscale.policy.Pools.NOW;
import static dev.tokenscale.policy.Pools.bounds;
import static dev.tokenscale.policy.Pools.cooldowns;
import static dev.tokenscale.policy.Pools.healthy;
import static dev.tokenscale.policy.Pools.proportional;
import static dev.tokenscale.policy.Pools.ready;
import static dev.tokenscale.policy.Pools.scaledDownAgo;
import static dev.tokenscale.policy.Pools.scaledUpAgo;
import static dev.tokenscale.policy.Pools.seed;
import static dev.tokenscale.policy.Pools.signals;
import static dev.tokenscale.policy.Pools.starting;
import static dev.tokenscale.policy.Pools.withQueue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.tokenscale.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CostAwarePolicyTest {

    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Action UP = Action.SCALE_UP;
    private static final Action DOWN = Action.SCALE_DOWN;
    private static final Action NONE = Action.NONE;

    private final CostAwarePolicy policy = new CostAwarePolicy();

    /** Through the entry point every caller uses, so the Adaptive policy is covered wherever StepPolicy.values() is iterated. */
    private Decision decide(PolicySettings settings, SignalSnapshot snapshot, ScalingState state) {
        return policy.evaluate(settings, snapshot, state, AdaptiveMemory.fresh(LearnedState.NONE), CLOCK).decision();
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                arguments("TTFT above its SLO scales up", seed(), signals(620.0, 35.0, 50.0, 0.0), ready(4), UP, Reason.SLO_VIOLATION, 5),
                arguments("TPOT above its SLO scales up", seed(), signals(300.0, 60.0, 50.0, 0.0), ready(4), UP, Reason.SLO_VIOLATION, 5),
                arguments("an SLO violation scales up even at low utilization", seed(), signals(620.0, 35.0, 10.0, 0.0), ready(4), UP, Reason.SLO_VIOLATION, 5),
                arguments("TTFT exactly at its SLO is no violation", seed(), signals(500.0, 50.0, 50.0, 0.0), ready(4), NONE, Reason.WITHIN_TARGET, 4),
                arguments("utilization above the threshold scales up", seed(), healthy(85.0), ready(4), UP, Reason.HIGH_UTILIZATION, 5),
                arguments("utilization exactly at the up threshold holds", seed(), healthy(80.0), ready(4), NONE, Reason.WITHIN_TARGET, 4),
                arguments("a queue above the per-replica limit scales up", withQueue(2), signals(300.0, 30.0, 50.0, 12.0), ready(4), UP, Reason.QUEUE_BACKLOG, 5),
                arguments("a queue exactly at the per-replica limit holds", withQueue(2), signals(300.0, 30.0, 50.0, 8.0), ready(4), NONE, Reason.WITHIN_TARGET, 4),
                arguments("the queue is ignored when no limit is set", seed(), signals(300.0, 30.0, 50.0, 500.0), ready(4), NONE, Reason.WITHIN_TARGET, 4),
                arguments("a queue on zero replicas counts whole against one replica", withQueue(0, 10, 2), signals("idle", "idle", null, 3.0), ready(0), UP, Reason.QUEUE_BACKLOG, 1),
                arguments("utilization below the threshold scales down", seed(), healthy(20.0), ready(4), DOWN, Reason.LOW_UTILIZATION, 3),
                arguments("utilization exactly at the down threshold holds", seed(), healthy(30.0), ready(4), NONE, Reason.WITHIN_TARGET, 4),
                arguments("signals inside every band hold", seed(), healthy(50.0), ready(4), NONE, Reason.WITHIN_TARGET, 4),
                arguments("SLO violation outranks high utilization", seed(), signals(620.0, 35.0, 95.0, 0.0), ready(4), UP, Reason.SLO_VIOLATION, 5),
                arguments("high utilization outranks the queue", withQueue(1), signals(300.0, 30.0, 95.0, 40.0), ready(4), UP, Reason.HIGH_UTILIZATION, 5));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void appliesTheRulesInOrder(String scenario, PolicySettings settings, SignalSnapshot snapshot, ScalingState state,
            Action action, Reason reason, int to) {
        assertDecision(decide(settings, snapshot, state), action, reason, state.replicas(), to);
    }

    static Stream<Arguments> missingAndIdle() {
        return Stream.of(
                arguments("every signal missing gives metrics_unavailable", seed(), signals(null, null, null, null), NONE, Reason.METRICS_UNAVAILABLE, 4),
                arguments("tokens per second alone does not make metrics available", seed(),
                        SignalSnapshot.builder().present(Signal.TOKENS_PER_SECOND, 1800).build(), NONE, Reason.METRICS_UNAVAILABLE, 4),
                arguments("a queue that is not configured does not make metrics available", seed(), signals(null, null, null, 5.0), NONE, Reason.METRICS_UNAVAILABLE, 4),
                arguments("a missing TTFT skips only its own check, TPOT still violates", seed(), signals(null, 70.0, 50.0, 0.0), UP, Reason.SLO_VIOLATION, 5),
                arguments("a missing latency blocks the scale-down: never scale down blind", seed(), signals(null, 30.0, 10.0, 0.0), NONE, Reason.WITHIN_TARGET, 4),
                arguments("a missing configured queue blocks the scale-down", withQueue(2), signals(300.0, 30.0, 10.0, null), NONE, Reason.WITHIN_TARGET, 4),
                arguments("a missing unconfigured queue does not block the scale-down", seed(), signals(300.0, 30.0, 10.0, null), DOWN, Reason.LOW_UTILIZATION, 3),
                arguments("idle latencies count as present for the scale-down", seed(), signals("idle", "idle", 10.0, 0.0), DOWN, Reason.LOW_UTILIZATION, 3),
                arguments("idle latency never violates the SLO", seed(), signals("idle", 30.0, 50.0, 0.0), NONE, Reason.WITHIN_TARGET, 4),
                arguments("idle latencies with utilization missing hold rather than report unavailable", seed(), signals("idle", "idle", null, null), NONE, Reason.WITHIN_TARGET, 4),
                arguments("a missing utilization still lets the queue scale up", withQueue(1), signals(300.0, 30.0, null, 9.0), UP, Reason.QUEUE_BACKLOG, 5),
                arguments("a NaN utilization is missing, never zero", seed(), SignalSnapshot.builder()
                        .present(Signal.TTFT_P99_MS, 300).present(Signal.TPOT_P99_MS, 30)
                        .missing(Signal.UTILIZATION_PERCENT, MissingReason.NAN, "NaN").build(), NONE, Reason.WITHIN_TARGET, 4));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("missingAndIdle")
    void treatsMissingAndIdleSignalsAsSpecified(String scenario, PolicySettings settings, SignalSnapshot snapshot,
            Action action, Reason reason, int to) {
        assertDecision(decide(settings, snapshot, ready(4)), action, reason, 4, to);
    }

    static Stream<Arguments> boundsAndHolds() {
        return Stream.of(
                arguments("below min moves up to min even with no metrics", bounds(2, 10), signals(null, null, null, null), ready(0), UP, Reason.OUT_OF_BOUNDS, 2),
                arguments("above max moves down to max in one step", bounds(1, 10), healthy(95.0), ready(13), DOWN, Reason.OUT_OF_BOUNDS, 10),
                arguments("out of bounds ignores cooldowns", bounds(1, 10), healthy(50.0), new ScalingState(12, 12, NOW, NOW), DOWN, Reason.OUT_OF_BOUNDS, 10),
                arguments("out of bounds ignores starting replicas", bounds(3, 10), healthy(50.0), starting(1, 0), UP, Reason.OUT_OF_BOUNDS, 3),
                arguments("a scale-up wanted at max is held and reported", bounds(1, 10), signals(900.0, 30.0, 50.0, 0.0), ready(10), NONE, Reason.AT_MAX_REPLICAS, 10),
                arguments("a scale-up one below max reaches max", bounds(1, 10), healthy(90.0), ready(9), UP, Reason.HIGH_UTILIZATION, 10),
                arguments("a scale-down wanted at min holds as within_target", bounds(2, 10), healthy(5.0), ready(2), NONE, Reason.WITHIN_TARGET, 2),
                arguments("a scale-down one above min reaches min", bounds(2, 10), healthy(5.0), ready(3), DOWN, Reason.LOW_UTILIZATION, 2),
                arguments("min zero lets an idle pool scale to zero", bounds(0, 10), signals("idle", "idle", 0.0, 0.0), ready(1), DOWN, Reason.LOW_UTILIZATION, 0),
                arguments("starting replicas hold a scale-up", seed(), healthy(95.0), starting(4, 3), NONE, Reason.REPLICAS_STARTING, 4),
                arguments("starting replicas do not hold a scale-down", seed(), healthy(10.0), starting(4, 3), DOWN, Reason.LOW_UTILIZATION, 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("boundsAndHolds")
    void keepsBoundsAndHolds(String scenario, PolicySettings settings, SignalSnapshot snapshot, ScalingState state,
            Action action, Reason reason, int to) {
        assertDecision(decide(settings, snapshot, state), action, reason, state.replicas(), to);
    }

    static Stream<Arguments> proportionalSteps() {
        return Stream.of(
                arguments("up sizes for the target: ceil(4 x 95 / 70) = 6", proportional(1, 20, 70, 10, 10), healthy(95.0), 4, UP, 6),
                arguments("up is capped by maxStepUp", proportional(1, 20, 70, 1, 10), healthy(95.0), 4, UP, 5),
                arguments("up is capped by maxReplicas", proportional(1, 10, 70, 10, 10), healthy(95.0), 9, UP, 10),
                arguments("an SLO violation adds at least one even when utilization sizes lower", proportional(1, 20, 70, 10, 10), signals(900.0, 30.0, 40.0, 0.0), 4, UP, 5),
                arguments("an SLO violation without utilization adds one", proportional(1, 20, 70, 10, 10), signals(900.0, 30.0, null, 0.0), 4, UP, 5),
                arguments("high utilization below a higher target still adds one", proportional(1, 20, 90, 10, 10), healthy(85.0), 4, UP, 5),
                arguments("down to the fewest replicas at or under target: ceil(10 x 14 / 70) = 2", proportional(1, 20, 70, 10, 10), healthy(14.0), 10, DOWN, 2),
                arguments("down sizes up on a fraction: ceil(6 x 21 / 70) = ceil(1.8) = 2", proportional(1, 20, 70, 10, 10), healthy(21.0), 6, DOWN, 2),
                arguments("down is capped by maxStepDown", proportional(1, 20, 70, 10, 3), healthy(14.0), 10, DOWN, 7),
                arguments("down is capped by minReplicas", proportional(3, 20, 70, 10, 10), healthy(7.0), 10, DOWN, 3),
                arguments("down that would overshoot the target holds", proportional(1, 20, 20, 10, 10), healthy(25.0), 4, NONE, 4),
                arguments("zero utilization goes to min", proportional(0, 20, 70, 10, 10), signals("idle", "idle", 0.0, 0.0), 5, DOWN, 0),
                arguments("maxStepUp 2147483647 from 2 cannot wrap into a negative count", proportional(1, 20, 70, Integer.MAX_VALUE, Integer.MAX_VALUE), healthy(95.0), 2, UP, 3),
                arguments("maxStepDown 2147483647 stops at minReplicas", proportional(2, 20, 70, Integer.MAX_VALUE, Integer.MAX_VALUE), healthy(1.0), 10, DOWN, 2));
    }

    @Test
    void noStepSizeReplicaCountOrLoadMakesATargetOutsideTheBoundsOrBelowZero() {
        int[] steps = {1, 1000, Integer.MAX_VALUE - 1, Integer.MAX_VALUE};
        int[][] bounds = {{0, 1}, {1, 20}, {0, Integer.MAX_VALUE}, {Integer.MAX_VALUE - 2, Integer.MAX_VALUE}};
        double[] loads = {0, 10, 50, 95, 1e9, Double.MAX_VALUE};
        int decisions = 0;
        for (int[] bound : bounds) {
            for (int step : steps) {
                for (StepPolicy stepPolicy : StepPolicy.values()) {
                    PolicySettings settings = withSteps(proportional(bound[0], bound[1], 70, step, step), stepPolicy);
                    for (int replicas : new int[] {0, 1, 2, bound[0], bound[1] - 1, bound[1], Integer.MAX_VALUE}) {
                        for (double load : loads) {
                            Decision decision = decide(settings, healthy(load), ready(replicas));
                            assertThat(decision.to()).as(decision.message())
                                    .isBetween(bound[0], bound[1]).isNotNegative();
                            decisions++;
                        }
                    }
                }
            }
        }
        assertThat(decisions).isEqualTo(bounds.length * steps.length * StepPolicy.values().length * 7 * loads.length);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("proportionalSteps")
    void sizesProportionalSteps(String scenario, PolicySettings settings, SignalSnapshot snapshot, int replicas,
            Action action, int to) {
        Decision decision = decide(settings, snapshot, ready(replicas));
        assertThat(decision.action()).as(decision.message()).isEqualTo(action);
        assertThat(decision.to()).as(decision.message()).isEqualTo(to);
    }

    static Stream<Arguments> cooldownBoundaries() {
        Duration up = Duration.ofSeconds(60);
        Duration down = Duration.ofSeconds(300);
        return Stream.of(
                arguments("scale-up 1ms before its cooldown ends is held", healthy(95.0), scaledUpAgo(4, up.minusMillis(1)), NONE, Reason.COOLDOWN),
                arguments("scale-up exactly when its cooldown ends goes", healthy(95.0), scaledUpAgo(4, up), UP, Reason.HIGH_UTILIZATION),
                arguments("scale-up after its cooldown goes", healthy(95.0), scaledUpAgo(4, up.plusSeconds(1)), UP, Reason.HIGH_UTILIZATION),
                arguments("scale-up ignores a recent scale-down", healthy(95.0), scaledDownAgo(4, Duration.ofSeconds(1)), UP, Reason.HIGH_UTILIZATION),
                arguments("scale-down 1ms before the cooldown after a scale-up is held", healthy(10.0), scaledUpAgo(4, down.minusMillis(1)), NONE, Reason.COOLDOWN),
                arguments("scale-down exactly at the cooldown after a scale-up goes", healthy(10.0), scaledUpAgo(4, down), DOWN, Reason.LOW_UTILIZATION),
                arguments("scale-down 1ms before the cooldown after a scale-down is held", healthy(10.0), scaledDownAgo(4, down.minusMillis(1)), NONE, Reason.COOLDOWN),
                arguments("scale-down exactly at the cooldown after a scale-down goes", healthy(10.0), scaledDownAgo(4, down), DOWN, Reason.LOW_UTILIZATION),
                arguments("scale-down waits for the later of both cooldowns", healthy(10.0),
                        new ScalingState(4, 4, NOW.minus(down), NOW.minusSeconds(100)), NONE, Reason.COOLDOWN),
                arguments("no action wanted means no cooldown is reported", healthy(50.0), new ScalingState(4, 4, NOW, NOW), NONE, Reason.WITHIN_TARGET),
                arguments("a last action in the future (clock skew) still holds", healthy(95.0), scaledUpAgo(4, Duration.ofSeconds(-30)), NONE, Reason.COOLDOWN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cooldownBoundaries")
    void appliesCooldownsOnceFullyElapsed(String scenario, SignalSnapshot snapshot, ScalingState state, Action action, Reason reason) {
        Decision decision = decide(cooldowns(Duration.ofSeconds(60), Duration.ofSeconds(300)), snapshot, state);
        assertThat(decision.action()).as(decision.message()).isEqualTo(action);
        assertThat(decision.reason()).as(decision.message()).isEqualTo(reason);
    }

    static Stream<Arguments> precedence() {
        ScalingState everythingHolds = new ScalingState(10, 8, NOW.minusSeconds(1), null);
        ScalingState startingAndCooling = new ScalingState(4, 3, NOW.minusSeconds(1), null);
        return Stream.of(
                arguments("at max outranks starting replicas and cooldown", seed(), healthy(95.0), everythingHolds, Reason.AT_MAX_REPLICAS),
                arguments("starting replicas outrank cooldown", seed(), healthy(95.0), startingAndCooling, Reason.REPLICAS_STARTING),
                arguments("cooldown alone holds a scale-up", seed(), healthy(95.0), scaledUpAgo(4, Duration.ofSeconds(1)), Reason.COOLDOWN),
                arguments("at min outranks cooldown for a scale-down", bounds(4, 10), healthy(10.0), scaledUpAgo(4, Duration.ofSeconds(1)), Reason.WITHIN_TARGET),
                arguments("cooldown holds a scale-down above min", bounds(3, 10), healthy(10.0), scaledUpAgo(4, Duration.ofSeconds(1)), Reason.COOLDOWN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("precedence")
    void reportsTheFirstHoldInPrecedenceOrder(String scenario, PolicySettings settings, SignalSnapshot snapshot, ScalingState state, Reason reason) {
        Decision decision = decide(settings, snapshot, state);
        assertDecision(decision, NONE, reason, state.replicas(), state.replicas());
    }

    @Test
    void scalesUpOnTtftViolationEvenWhenUtilizationIsLow() {
        Decision decision = decide(seed(), signals(620.0, 35.0, 5.0, 0.0), ready(4));

        assertDecision(decision, UP, Reason.SLO_VIOLATION, 4, 5);
        assertThat(decision.message()).contains("620ms").contains("500ms");
    }

    @Test
    void estimatesSavingsFromGpusAndPriceOnAScaleDownOnly() {
        Decision down = decide(proportional(1, 20, 70, 10, 10), healthy(14.0), ready(10));
        Decision up = decide(seed(), healthy(95.0), ready(4));

        assertThat(down.estimatedSavingsPerHour()).isEqualTo((10 - 2) * 8 * 2.0);
        assertThat(down.message()).contains("$128.00 per hour");
        assertThat(up.estimatedSavingsPerHour()).isZero();
    }

    @Test
    void estimatesSavingsOnAnOutOfBoundsScaleDown() {
        Decision decision = decide(bounds(1, 10), healthy(50.0), ready(12));

        assertThat(decision.estimatedSavingsPerHour()).isEqualTo(2 * 8 * 2.0);
    }

    @Test
    void cooldownMessageNamesTheCooldownAndWhatRemains() {
        Decision up = decide(seed(), healthy(95.0), scaledUpAgo(4, Duration.ofSeconds(45)));
        Decision down = decide(seed(), healthy(10.0), new ScalingState(4, 4, NOW.minusSeconds(400), NOW.minusSeconds(100)));

        assertThat(up.message()).contains("scale-up cooldown (1m)").contains("15s left").contains("last scale-up");
        assertThat(down.message()).contains("scale-down cooldown (5m)").contains("3m20s left").contains("last scale-down");
    }

    @Test
    void atMaxMessageSaysTheSloIsAtRisk() {
        Decision decision = decide(seed(), signals(900.0, 30.0, 50.0, 0.0), ready(10));

        assertThat(decision.message()).contains("maxReplicas 10").contains("SLO is at risk");
    }

    @Test
    void blindScaleDownMessageNamesTheMissingSignal() {
        Decision decision = decide(seed(), signals(300.0, null, 10.0, 0.0), ready(4));

        assertThat(decision.message()).contains("tpotP99Ms missing").contains("scale down blind");
    }

    @Test
    void everyMessageIsOneSentence() {
        Stream.of(
                decide(seed(), healthy(95.0), ready(4)),
                decide(seed(), healthy(10.0), ready(4)),
                decide(seed(), healthy(50.0), ready(4)),
                decide(seed(), signals(null, null, null, null), ready(4)),
                decide(seed(), healthy(95.0), starting(4, 2)),
                decide(seed(), healthy(95.0), scaledUpAgo(4, Duration.ofSeconds(5))),
                decide(seed(), healthy(95.0), ready(10)),
                decide(bounds(2, 10), healthy(50.0), ready(1)))
            .forEach(decision -> assertThat(decision.message())
                    .as(decision.reason().key())
                    .matches("[A-Z][^\\n]*\\.")
                    .doesNotContain(". "));
    }

    @Test
    void explainsEveryRuleItCheckedInOrder() {
        Decision decision = decide(withQueue(2), signals(300.0, 30.0, 10.0, 1.0), ready(4));

        assertThat(decision.checks()).extracting(RuleCheck::rule).containsExactly(
                "out_of_bounds", "slo_violation", "high_utilization", "queue_backlog", "low_utilization",
                "at_min_replicas", "low_coverage", "cooldown", "step");
        assertThat(decision.checks()).filteredOn(RuleCheck::fired).extracting(RuleCheck::rule)
                .containsExactly("low_utilization", "step");
        assertThat(decision.checks().get(1).finding()).contains("P99 TTFT 300ms meets the 500ms SLO");
    }

    @Test
    void scalesUpAgainOnceTheSteppedClockReachesTheCooldown() {
        MutableClock clock = new MutableClock(NOW);
        ScalingState justScaled = new ScalingState(5, 5, NOW, null);

        Decision held = policy.decide(seed(), healthy(95.0), justScaled, clock);
        clock.advance(Duration.ofSeconds(59));
        Decision stillHeld = policy.decide(seed(), healthy(95.0), justScaled, clock);
        clock.advance(Duration.ofSeconds(1));
        Decision released = policy.decide(seed(), healthy(95.0), justScaled, clock);

        assertThat(held.reason()).isEqualTo(Reason.COOLDOWN);
        assertThat(stillHeld.message()).contains("1s left");
        assertThat(released.action()).isEqualTo(UP);
        assertThat(released.to()).isEqualTo(6);
    }

    @Test
    void aLastScaleUpTimeFarInTheFutureIsTreatedAsNowSoItCostsOneCooldownAndTheDecisionSaysSo() {
        ScalingState skewed = new ScalingState(4, 4, Instant.parse("2099-01-01T00:00:00Z"), Instant.MAX);

        Decision now = policy.decide(seed(), healthy(95.0), skewed, CLOCK);

        assertThat(now.reason()).isEqualTo(Reason.COOLDOWN);
        assertThat(now.message()).contains("the scale-up cooldown (1m) has 1m left since the last scale-up");
        assertThat(now.message())
                .contains("Note: lastScaleUpTime 2099-01-01T00:00:00Z is 26662 days in the future, beyond the 1m clock-skew allowance, so it is treated as now.")
                .contains("Note: lastScaleDownTime +1000000000-12-31T23:59:59.999999999Z is ");
        assertThat(now.checks()).filteredOn(c -> c.rule().equals("clock_skew")).hasSize(2);
    }

    @Test
    void aLastScaleTimeWithinTheClockSkewAllowanceIsUsedAsItIs() {
        ScalingState slightlyAhead = new ScalingState(4, 4, NOW.plusSeconds(60), null);

        Decision decision = policy.decide(seed(), healthy(95.0), slightlyAhead, Clock.offset(CLOCK, Duration.ofSeconds(60)));

        assertThat(decision.reason()).isEqualTo(Reason.COOLDOWN);
        assertThat(decision.message()).doesNotContain("Note:");
    }

    @Test
    void readsTimeOnlyFromTheGivenClock() {
        Clock later = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
        ScalingState scaledAtNow = new ScalingState(4, 4, NOW, null);

        assertThat(policy.decide(seed(), healthy(95.0), scaledAtNow, CLOCK).reason()).isEqualTo(Reason.COOLDOWN);
        assertThat(policy.decide(seed(), healthy(95.0), scaledAtNow, later).reason()).isEqualTo(Reason.HIGH_UTILIZATION);
    }

    private static PolicySettings withSteps(PolicySettings s, StepPolicy stepPolicy) {
        return new PolicySettings(s.minReplicas(), s.maxReplicas(), s.ttftSlo(), s.tpotSlo(),
                s.scaleUpAbovePercent(), s.scaleDownBelowPercent(), s.targetPercent(), s.queueScaleUpAbovePerReplica(),
                s.scaleUpCooldown(), s.scaleDownCooldown(), stepPolicy, s.maxStepUp(), s.maxStepDown(),
                s.gpusPerReplica(), s.gpuHourlyCost());
    }

    private static void assertDecision(Decision decision, Action action, Reason reason, int from, int to) {
        assertThat(decision.action()).as(decision.message()).isEqualTo(action);
        assertThat(decision.reason()).as(decision.message()).isEqualTo(reason);
        assertThat(decision.from()).isEqualTo(from);
        assertThat(decision.to()).isEqualTo(to);
    }
}
