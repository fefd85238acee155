package dev.tokenscale.policy;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The seed's {@code CostAwareAutoscaler.evaluate}, completed: SLO violation, high utilization and
 * queue backlog scale up; low utilization scales down; cooldowns, bounds and holds apply. The same
 * instance serves the operator, {@code explain}, {@code simulate} and {@code demo}.
 *
 * <p>Order: out-of-bounds correction, then "every signal missing", then the rules, first wanting
 * rule wins. A wanted scale-up is held by, in this order: at max, replicas starting, cooldown. A
 * wanted scale-down is held by: at min, low coverage (too few pods report, see {@link CoverageQuorum}),
 * cooldown. Holds are checked only when an action is wanted,
 * which is where a later cost budget would sit.
 */
public final class CostAwarePolicy {

    private static final List<ScalingRule> RULES = List.of(
            new SloViolationRule(),
            new HighUtilizationRule(),
            new QueueBacklogRule(),
            new LowUtilizationRule());

    private final Adaptive adaptive = new Adaptive();

    /** Step and Proportional; Adaptive needs its memory, see {@link #evaluate}. */
    public Decision decide(PolicySettings settings, SignalSnapshot signals, ScalingState state, Clock clock) {
        if (settings.stepPolicy() == StepPolicy.ADAPTIVE) {
            throw new IllegalArgumentException("the Adaptive policy carries memory between evaluations; call evaluate");
        }
        Instant now = clock.instant();
        ScaleTimes.Checked times = ScaleTimes.check(state, now);
        Decision decision = decideChecked(settings, signals, times.state(), now, times.warnings());
        for (String warning : times.warnings()) {
            decision = decision.withNote("Note: " + warning + ".");
        }
        return decision;
    }

    private Decision decideChecked(PolicySettings settings, SignalSnapshot signals, ScalingState state, Instant now,
            List<String> timeWarnings) {
        Evaluation evaluation = new Evaluation(settings, signals, state, now);
        for (String warning : timeWarnings) {
            evaluation.record("clock_skew", warning, true);
        }
        Optional<Decision> correction = outOfBounds(evaluation);
        if (correction.isPresent()) {
            return correction.get();
        }
        if (MetricCoverage.allMissing(evaluation)) {
            return metricsUnavailable(evaluation);
        }
        for (ScalingRule rule : RULES) {
            Optional<Want> want = rule.evaluate(evaluation);
            if (want.isPresent()) {
                return act(evaluation, want.get());
            }
        }
        return hold(evaluation, Reason.WITHIN_TARGET,
                "No rule fired, so the pool stays at " + evaluation.replicas() + " replicas.");
    }

    /**
     * Decides for any policy, and carries the Adaptive policy's memory from one evaluation to the
     * next. Step and Proportional keep no memory and return {@code memory} unchanged. This is the
     * entry point of the operator, {@code explain}, {@code simulate} and {@code demo}.
     */
    public PolicyOutcome evaluate(PolicySettings settings, SignalSnapshot signals, ScalingState state,
            AdaptiveMemory memory, Clock clock) {
        if (settings.stepPolicy() == StepPolicy.ADAPTIVE) {
            ScaleTimes.Checked times = ScaleTimes.check(state, clock.instant());
            PolicyOutcome outcome = adaptive.decide(settings, signals, times.state(), memory, clock);
            Decision decision = outcome.decision();
            for (String warning : times.warnings()) {
                decision = decision.withNote("Note: " + warning + ".");
            }
            return new PolicyOutcome(decision, outcome.memory(), outcome.sizing());
        }
        return new PolicyOutcome(decide(settings, signals, state, clock), memory, null);
    }

    static Optional<Decision> outOfBounds(Evaluation evaluation) {
        int current = evaluation.replicas();
        int min = evaluation.settings.minReplicas();
        int max = evaluation.settings.maxReplicas();
        if (current < min) {
            evaluation.record("out_of_bounds", current + " replicas is below minReplicas " + min, true);
            return Optional.of(change(evaluation, Action.SCALE_UP, Reason.OUT_OF_BOUNDS, min,
                    "Scaling up from " + current + " to minReplicas " + min + " because the workload was below the pool's bounds."));
        }
        if (current > max) {
            evaluation.record("out_of_bounds", current + " replicas is above maxReplicas " + max, true);
            return Optional.of(change(evaluation, Action.SCALE_DOWN, Reason.OUT_OF_BOUNDS, max,
                    "Scaling down from " + current + " to maxReplicas " + max + " because the workload was above the pool's bounds."));
        }
        evaluation.record("out_of_bounds", current + " replicas is within [" + min + ", " + max + "]", false);
        return Optional.empty();
    }

    static Decision metricsUnavailable(Evaluation evaluation) {
        String absent = MetricCoverage.missing(evaluation).stream()
                .map(evaluation::describeAbsent)
                .collect(Collectors.joining(", "));
        evaluation.record("metrics", "every configured signal is missing: " + absent, true);
        return hold(evaluation, Reason.METRICS_UNAVAILABLE,
                "Every configured signal is missing (" + absent + "), so the pool stays at "
                        + evaluation.replicas() + " replicas.");
    }

    private static Decision act(Evaluation evaluation, Want want) {
        return switch (want.action()) {
            case SCALE_UP -> scaleUp(evaluation, want);
            case SCALE_DOWN -> scaleDown(evaluation, want);
            case NONE -> hold(evaluation, want.reason(), sentence(want.why() + "."));
        };
    }

    private static Decision scaleUp(Evaluation evaluation, Want want) {
        int current = evaluation.replicas();
        int max = evaluation.settings.maxReplicas();
        String wanted = "Scale-up wanted because " + want.why();
        if (current >= max) {
            evaluation.record("at_max_replicas", current + " replicas is maxReplicas " + max, true);
            return hold(evaluation, Reason.AT_MAX_REPLICAS,
                    wanted + ", but the pool is already at maxReplicas " + max + ", so the SLO is at risk.");
        }
        evaluation.record("at_max_replicas", current + " replicas is below maxReplicas " + max, false);
        int ready = evaluation.state.readyReplicas();
        if (ready < current) {
            evaluation.record("replicas_starting", ready + " of " + current + " replicas are ready", true);
            return hold(evaluation, Reason.REPLICAS_STARTING,
                    wanted + ", but only " + ready + " of " + current
                            + " replicas are ready, so the pool waits for the capacity already ordered.");
        }
        evaluation.record("replicas_starting", "all " + current + " replicas are ready", false);
        Optional<Cooldowns.Block> cooldown = Cooldowns.scaleUp(evaluation);
        if (cooldown.isPresent()) {
            return coolingDown(evaluation, wanted, cooldown.get());
        }
        evaluation.record("cooldown", "the scale-up cooldown has passed", false);
        int target = StepSizer.scaleUpTarget(evaluation);
        return change(evaluation, Action.SCALE_UP, want.reason(), target,
                "Scaling up from " + current + " to " + target + " replicas because " + want.why() + ".");
    }

    private static Decision scaleDown(Evaluation evaluation, Want want) {
        int current = evaluation.replicas();
        int min = evaluation.settings.minReplicas();
        String wanted = "Scale-down wanted because " + want.why();
        if (current <= min) {
            evaluation.record("at_min_replicas", current + " replicas is minReplicas " + min, true);
            return hold(evaluation, Reason.WITHIN_TARGET, wanted + ", but the pool is already at minReplicas " + min + ".");
        }
        evaluation.record("at_min_replicas", current + " replicas is above minReplicas " + min, false);
        Optional<String> shortfall = CoverageQuorum.shortfall(evaluation);
        if (shortfall.isPresent()) {
            evaluation.record("low_coverage", shortfall.get(), true);
            return hold(evaluation, Reason.LOW_COVERAGE, wanted + ", but " + shortfall.get()
                    + ", so the pool does not scale down on a partial picture.");
        }
        evaluation.record("low_coverage", CoverageQuorum.describe(evaluation.signals.coverage())
                + ", quorum " + HumanText.percent(evaluation.settings.minCoveragePercent()), false);
        Optional<Cooldowns.Block> cooldown = Cooldowns.scaleDown(evaluation);
        if (cooldown.isPresent()) {
            return coolingDown(evaluation, wanted, cooldown.get());
        }
        evaluation.record("cooldown", "the scale-down cooldown has passed since the last scale-up and scale-down", false);
        int target = StepSizer.scaleDownTarget(evaluation);
        if (target >= current) {
            return hold(evaluation, Reason.WITHIN_TARGET, wanted + ", but " + current
                    + " replicas are still needed to keep utilization at or under "
                    + HumanText.percent(evaluation.settings.targetPercent()) + ".");
        }
        return change(evaluation, Action.SCALE_DOWN, want.reason(), target,
                "Scaling down from " + current + " to " + target + " replicas because " + want.why()
                        + ", saving " + HumanText.money(savingsPerHour(evaluation.settings, current, target)) + " per hour.");
    }

    static Decision coolingDown(Evaluation evaluation, String wanted, Cooldowns.Block block) {
        evaluation.record("cooldown", block.describe(), true);
        return hold(evaluation, Reason.COOLDOWN, wanted + ", but " + block.describe() + ".");
    }

    static Decision change(Evaluation evaluation, Action action, Reason reason, int to, String message) {
        int from = evaluation.replicas();
        double savings = action == Action.SCALE_DOWN ? savingsPerHour(evaluation.settings, from, to) : 0;
        return new Decision(action, reason, from, to, savings, message, evaluation.checks());
    }

    static Decision hold(Evaluation evaluation, Reason reason, String message) {
        int current = evaluation.replicas();
        return new Decision(Action.NONE, reason, current, current, 0, message, evaluation.checks());
    }

    /** What the replicas given back cost per hour, at the settings' GPU-hour price (overhead included there). */
    static double savingsPerHour(PolicySettings settings, int from, int to) {
        return (from - to) * (double) settings.gpusPerReplica() * settings.gpuHourlyCost();
    }

    private static String sentence(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
