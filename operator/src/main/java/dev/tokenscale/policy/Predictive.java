package dev.tokenscale.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Adaptive plus a demand forecast: replicas are ordered one cold start before the load they are
 * for. The one implementation the operator and {@code simulate}'s {@code predictive} strategy share.
 * <ul>
 *   <li>Scale up to the replicas the largest upper-band demand over [now, now + horizon] needs.</li>
 *   <li>Never scale down below what the largest demand over [now, now + horizon +
 *       cooldown.scaleDown] needs, with a band the demand stays under in every bucket of that window
 *       at once at the confidence ({@code ForecastPlan}): nothing is given back that would have to be
 *       re-ordered before it could start. The stricter band only keeps replicas, it orders none, so a
 *       count the forecast wobbles around is ordered once and kept rather than ordered and given back
 *       at every bucket.</li>
 *   <li>The pool gets the larger of that and the replicas current demand (the request rate plus the
 *       queue drained within cooldown.scaleUp) needs; a scale-up Adaptive's safety net forces (an SLO
 *       breach, a queue) still happens. The forecast floor replaces Adaptive's look-back stabilization
 *       window. A scale-down still never comes within cooldown.scaleUp of a scale-up, nor while any
 *       configured signal is missing, nor below the coverage quorum.</li>
 * </ul>
 * Current demand is Adaptive's level of it ({@link RecentDemand}: readings averaged until one jumps
 * beyond their noise), and a scale-down never goes below what the latest reading itself needs, since
 * the level lags a rise within the noise. Every demand, current or forecast, keeps the room Adaptive
 * learned from this pool's SLO misses ({@link SloHeadroom}): a forecast band is exceeded in a share
 * of buckets by design, and the misses show how often.
 * Replicas for a demand are ceil(demand × (1 + room) ÷ (capacity × targetPercent / 100)) with Adaptive's capacity
 * (learned, or the hint); without one, Adaptive's decision stands unchanged. So does a correction
 * back into [min, max], and Adaptive's hold when every signal is missing.
 */
public final class Predictive {

    private static final double CEIL_TOLERANCE = 1e-9;
    /** Samples that disagree by more than this say little of the capacity; the floor is not raised further. */
    static final double MAX_CAPACITY_ERROR = 0.1;
    /**
     * Standard errors of the learned capacity a scale-down keeps in hand. Measured: on the week trace
     * a whole one cut the SLO minutes by half again for 1% more cost, half of one most of that for
     * 0.5%; on a day of 10% noise and 20% drifting capacity both cut minutes and cost.
     */
    static final double KEPT_CAPACITY_ERRORS = 0.5;

    private Predictive() {}

    /** Adaptive's {@code outcome} for these inputs, with the forecast applied. */
    public static PolicyOutcome apply(PolicySettings settings, SignalSnapshot signals, ScalingState state,
            PolicyOutcome outcome, ForecastDemand forecast, Instant now) {
        Evaluation evaluation = new Evaluation(settings, signals, state, now);
        Plan plan = plan(settings, evaluation, outcome);
        if (plan == null) {
            return outcome;
        }
        Step step = step(settings, evaluation, outcome.decision(), plan, forecast);
        if (step.kind == Kind.ADAPTIVE) {
            return outcome;
        }
        Decision decision = words(settings, state.replicas(), outcome.decision(), plan, forecast, step);
        return new PolicyOutcome(decision, outcome.memory(), outcome.sizing());
    }

    /**
     * The replicas {@link #apply} would leave the pool at, without putting the decision in words: a
     * replay asks this at every step of a week and reads only the count.
     */
    public static int replicas(PolicySettings settings, SignalSnapshot signals, ScalingState state, PolicyOutcome outcome,
            ForecastDemand forecast, Instant now) {
        Evaluation evaluation = new Evaluation(settings, signals, state, now);
        Plan plan = plan(settings, evaluation, outcome);
        if (plan == null) {
            return outcome.decision().to();
        }
        Step step = step(settings, evaluation, outcome.decision(), plan, forecast);
        return step.kind == Kind.ADAPTIVE ? outcome.decision().to() : step.to;
    }

    /**
     * The replica counts one evaluation weighs, before any words.
     *
     * @param demand the current demand sized on: Adaptive's level of it
     * @param perReplica requests per second one replica serves at the target
     * @param room 1 + the room learned from SLO misses
     * @param keptPerReplica {@code perReplica} half a standard error of the learned capacity lower: what
     *     a scale-down is sized with
     * @param reactive what the current demand needs
     * @param latest what the latest reading itself needs at {@code keptPerReplica}, the floor of a scale-down
     */
    private record Plan(double demand, double perReplica, double keptPerReplica, double room, int reactive, int latest) {

        int replicasFor(PolicySettings settings, double rps) {
            return bounded(settings, ceil(rps * room / perReplica));
        }

        int keptFor(PolicySettings settings, double rps) {
            return bounded(settings, ceil(rps * room / keptPerReplica));
        }
    }

    /** What to do, as numbers: a kind, the count to go to, and why a scale-down waits. */
    private record Step(Kind kind, int to, int ahead, int held, int wanted, String blocked) {}

    private enum Kind {
        /** Adaptive's own decision stands: its safety net asked for more than the forecast and demand. */
        ADAPTIVE, UP_FORECAST, UP_DEMAND, DOWN, DOWN_BLOCKED, HOLD_ADAPTIVE, HOLD_FORECAST, HOLD_WITHIN
    }

    /** Null when Predictive leaves Adaptive's decision as it is: no capacity, no rate, a correction, blind. */
    private static Plan plan(PolicySettings settings, Evaluation evaluation, PolicyOutcome outcome) {
        Decision adaptive = outcome.decision();
        Sizing sizing = outcome.sizing();
        OptionalDouble rate = evaluation.value(Signal.REQUEST_RATE);
        if (sizing == null || sizing.capacityRps() == null || rate.isEmpty()
                || adaptive.reason() == Reason.OUT_OF_BOUNDS || adaptive.reason() == Reason.METRICS_UNAVAILABLE) {
            return null;
        }
        double perReplica = sizing.capacityRps() * settings.targetPercent() / 100;
        double drainSeconds = Math.max(1, settings.scaleUpCooldown().toSeconds());
        OptionalDouble queue = evaluation.value(Signal.QUEUE_DEPTH);
        double raw = rate.getAsDouble() + (queue.isPresent() ? queue.getAsDouble() : 0) / drainSeconds;
        // Adaptive's level of that same demand (readings averaged until one jumps beyond their noise),
        // and the room Adaptive learned from this pool's SLO misses, whoever sized the pool.
        RecentDemand recent = outcome.memory().recentDemand();
        double demand = recent.readings() == 0 ? raw : recent.level();
        double room = 1 + outcome.memory().sloHeadroom().share();
        int reactive = bounded(settings, ceil(demand * room / perReplica));
        double keptPerReplica = perReplica * (1 - KEPT_CAPACITY_ERRORS * capacityError(sizing, outcome.memory().learned()));
        int latest = bounded(settings, ceil(raw * room / keptPerReplica));
        return new Plan(demand, perReplica, keptPerReplica, room, reactive, latest);
    }

    /**
     * The learned capacity's relative standard error: the recent samples' spread (1.4826 × their
     * median absolute deviation, a standard deviation for normal noise) over their median, times
     * 1.2533 / √n, a median's own error. 0 for a hint or fewer than three samples. A pool sized at the
     * edge of its SLO with a capacity learned 2% high is a replica short; a scale-down is where that
     * costs a cold start of breach, so it is sized {@value #KEPT_CAPACITY_ERRORS} of a standard error
     * lower, a scale-up is not.
     */
    static double capacityError(Sizing sizing, LearnedState learned) {
        List<Double> samples = learned.recentSamples();
        if (sizing.capacitySource() != CapacitySource.LEARNED || samples.size() < 3) {
            return 0;
        }
        double median = LearnedState.median(samples);
        List<Double> deviations = new ArrayList<>(samples.size());
        for (double sample : samples) {
            deviations.add(Math.abs(sample - median));
        }
        double spread = 1.4826 * LearnedState.median(deviations) / median;
        return Math.min(MAX_CAPACITY_ERROR, 1.2533 * spread / Math.sqrt(samples.size()));
    }

    private static Step step(PolicySettings settings, Evaluation evaluation, Decision adaptive, Plan plan,
            ForecastDemand forecast) {
        int current = evaluation.state.replicas();
        int ahead = plan.replicasFor(settings, forecast.aheadUpperRps());
        int held = plan.keptFor(settings, forecast.heldUpperRps());
        boolean forced = adaptive.reason() == Reason.SLO_VIOLATION || adaptive.reason() == Reason.QUEUE_BACKLOG;
        int safety = forced && adaptive.to() > current ? adaptive.to() : 0;
        int wanted = bounded(settings, Math.max(Math.max(plan.reactive, ahead), safety));
        if (wanted > current) {
            if (forced && safety >= ahead && safety >= plan.reactive) {
                return new Step(Kind.ADAPTIVE, adaptive.to(), ahead, held, wanted, null);
            }
            int to = (int) Math.min(wanted, (long) current + settings.maxStepUp());
            return new Step(ahead > plan.reactive ? Kind.UP_FORECAST : Kind.UP_DEMAND, to, ahead, held, wanted, null);
        }
        // The floor of a scale-down: the forecast over the horizon and the cooldown after it, and what
        // the latest reading needs, since the level lags a rise that is within the readings' noise.
        int kept = Math.max(wanted, Math.min(current, Math.max(held, plan.latest)));
        if (kept < current) {
            Optional<String> blocked = scaleDownBlocked(evaluation);
            if (blocked.isEmpty()) {
                return new Step(Kind.DOWN, (int) Math.max(kept, (long) current - settings.maxStepDown()), ahead, held, kept, null);
            }
            return new Step(adaptive.to() < current ? Kind.DOWN_BLOCKED : Kind.HOLD_ADAPTIVE, current, ahead, held, kept,
                    blocked.get());
        }
        if (Math.max(ahead, held) > plan.reactive) {
            return new Step(Kind.HOLD_FORECAST, current, ahead, held, kept, null);
        }
        boolean adaptiveHolds = adaptive.to() == current && adaptive.reason() != Reason.EXCESS_CAPACITY;
        return new Step(adaptiveHolds ? Kind.HOLD_ADAPTIVE : Kind.HOLD_WITHIN, current, ahead, held, kept, null);
    }

    /** The decision {@code step} describes, in the words the operator's status and Events show. */
    private static Decision words(PolicySettings settings, int current, Decision adaptive, Plan plan, ForecastDemand forecast,
            Step step) {
        List<RuleCheck> checks = new ArrayList<>(adaptive.checks());
        Duration held = forecast.horizon().plus(settings.scaleDownCooldown());
        String finding = forecast.source() + ": up to " + HumanText.number(forecast.aheadUpperRps())
                + " requests/s within " + HumanText.duration(forecast.horizon()) + " needs " + step.ahead + ", up to "
                + HumanText.number(forecast.heldUpperRps()) + " within " + HumanText.duration(held)
                + " (+ cooldown.scaleDown) keeps " + step.held + "; current demand " + HumanText.number(plan.demand)
                + " requests/s needs " + plan.reactive;
        checks.add(new RuleCheck("forecast", finding, Math.max(step.ahead, step.held) > plan.reactive));
        return switch (step.kind) {
            case UP_FORECAST -> new Decision(Action.SCALE_UP, Reason.FORECAST, current, step.to, 0,
                    "Scaling up from " + current + " to " + step.to + " replicas ahead of demand: the forecast ("
                            + forecast.source() + ") expects up to " + HumanText.number(forecast.aheadUpperRps())
                            + " requests/s within " + HumanText.duration(forecast.horizon()) + ", which needs " + step.ahead
                            + " replicas; the " + HumanText.number(plan.demand) + " requests/s now need " + plan.reactive + ".",
                    checks);
            case UP_DEMAND -> new Decision(Action.SCALE_UP, Reason.DEMAND, current, step.to, 0, "Scaling up from " + current
                    + " to " + step.to + " replicas because the demand needs " + step.wanted
                    + " replicas (the forecast needs no more).", checks);
            case DOWN -> {
                double savings = CostAwarePolicy.savingsPerHour(settings, current, step.to);
                yield new Decision(Action.SCALE_DOWN, Reason.EXCESS_CAPACITY, current, step.to, savings, "Scaling down from "
                        + current + " to " + step.to + " replicas because " + (current - step.to)
                        + " are more than the demand and the forecast within " + HumanText.duration(held) + " need, saving "
                        + HumanText.money(savings) + " per hour.", checks);
            }
            case DOWN_BLOCKED -> new Decision(Action.NONE, Reason.WITHIN_TARGET, current, current, 0, "Scale-down to "
                    + step.wanted + " wanted, but " + step.blocked + ", so the pool stays at " + current + " replicas.", checks);
            // Whatever Adaptive held for, the forecast is what keeps these replicas.
            case HOLD_FORECAST -> new Decision(Action.NONE, Reason.FORECAST, current, current, 0, "The forecast ("
                    + forecast.source() + ") expects up to " + HumanText.number(forecast.heldUpperRps()) + " requests/s within "
                    + HumanText.duration(held) + ", which needs the " + current + " replicas the pool has, so it stays at "
                    + current + " replicas.", checks);
            case HOLD_WITHIN -> new Decision(Action.NONE, Reason.WITHIN_TARGET, current, current, 0, "The demand and the forecast need the "
                    + current + " replicas the pool has, so it stays at " + current + " replicas.", checks);
            case HOLD_ADAPTIVE -> hold(adaptive, current, checks);
            case ADAPTIVE -> throw new IllegalStateException("Adaptive's own decision needs no words");
        };
    }

    /** Adaptive's hold (its reason and words) with the forecast's line in the trail. */
    private static Decision hold(Decision adaptive, int current, List<RuleCheck> checks) {
        return new Decision(Action.NONE, adaptive.action() == Action.NONE ? adaptive.reason() : Reason.WITHIN_TARGET,
                current, current, 0, adaptive.action() == Action.NONE ? adaptive.message()
                        : "The demand and the forecast need the " + current + " replicas the pool has, so it stays at "
                                + current + " replicas.", checks);
    }

    /** Why a scale-down must wait: right after a scale-up, blind, or on too few reporting pods. */
    private static Optional<String> scaleDownBlocked(Evaluation evaluation) {
        Optional<Cooldowns.Block> cooldown = Cooldowns.scaleDownAfterScaleUp(evaluation);
        if (cooldown.isPresent()) {
            return Optional.of(cooldown.get().describe());
        }
        List<Signal> missing = MetricCoverage.missing(evaluation);
        if (!missing.isEmpty()) {
            return Optional.of(evaluation.describeAbsent(missing.get(0)) + ", so the pool does not scale down blind");
        }
        return CoverageQuorum.shortfall(evaluation);
    }

    private static int bounded(PolicySettings settings, int sized) {
        return Math.max(settings.minReplicas(), Math.min(sized, settings.maxReplicas()));
    }

    private static int ceil(double value) {
        double up = Math.ceil(value - CEIL_TOLERANCE);
        return (int) Math.min(Math.max(up, 0), Integer.MAX_VALUE);
    }
}
