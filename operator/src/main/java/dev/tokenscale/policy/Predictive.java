package dev.tokenscale.policy;

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
 *   <li>Never hold fewer than the largest upper-band demand over [now, now + horizon +
 *       cooldown.scaleDown] needs: nothing is given back that would have to be re-ordered before it
 *       could start.</li>
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

    private Predictive() {}

    /** Adaptive's {@code outcome} for these inputs, with the forecast applied. */
    public static PolicyOutcome apply(PolicySettings settings, SignalSnapshot signals, ScalingState state,
            PolicyOutcome outcome, ForecastDemand forecast, Instant now) {
        Decision adaptive = outcome.decision();
        Sizing sizing = outcome.sizing();
        Evaluation evaluation = new Evaluation(settings, signals, state, now);
        OptionalDouble rate = evaluation.value(Signal.REQUEST_RATE);
        if (sizing == null || sizing.capacityRps() == null || rate.isEmpty()
                || adaptive.reason() == Reason.OUT_OF_BOUNDS || adaptive.reason() == Reason.METRICS_UNAVAILABLE) {
            return outcome;
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
        int ahead = bounded(settings, ceil(forecast.aheadUpperRps() * room / perReplica));
        int held = bounded(settings, ceil(forecast.heldUpperRps() * room / perReplica));
        int planned = Math.max(ahead, held);
        int current = state.replicas();
        boolean forced = adaptive.reason() == Reason.SLO_VIOLATION || adaptive.reason() == Reason.QUEUE_BACKLOG;
        int safety = forced && adaptive.to() > current ? adaptive.to() : 0;
        int wanted = bounded(settings, Math.max(Math.max(reactive, planned), safety));
        if (wanted < state.replicas()) {
            // The level lags a rise that is within the readings' noise: a scale-down never goes below
            // what the latest reading itself needs.
            wanted = Math.max(wanted, Math.min(state.replicas(), bounded(settings, ceil(raw * room / perReplica))));
        }

        List<RuleCheck> checks = new ArrayList<>(adaptive.checks());
        String finding = forecast.source() + ": up to " + HumanText.number(forecast.aheadUpperRps())
                + " requests/s within " + HumanText.duration(forecast.horizon()) + " needs " + ahead + ", up to "
                + HumanText.number(forecast.heldUpperRps()) + " within " + HumanText.duration(forecast.horizon().plus(settings.scaleDownCooldown()))
                + " (+ cooldown.scaleDown) keeps " + held + "; current demand " + HumanText.number(demand)
                + " requests/s needs " + reactive;
        checks.add(new RuleCheck("forecast", finding, planned > reactive && planned >= safety));

        if (wanted > current) {
            int to = (int) Math.min(wanted, (long) current + settings.maxStepUp());
            if (forced && safety >= planned && safety >= reactive) {
                return outcome;
            }
            if (planned > reactive) {
                String message = "Scaling up from " + current + " to " + to + " replicas ahead of demand: the forecast ("
                        + forecast.source() + ") expects up to " + HumanText.number(forecast.aheadUpperRps())
                        + " requests/s within " + HumanText.duration(forecast.horizon()) + ", which needs " + ahead
                        + " replicas; the " + HumanText.number(demand) + " requests/s now need " + reactive + ".";
                return withDecision(outcome, new Decision(Action.SCALE_UP, Reason.FORECAST, current, to, 0, message, checks));
            }
            String message = "Scaling up from " + current + " to " + to + " replicas because the demand needs " + wanted
                    + " replicas (the forecast needs no more).";
            return withDecision(outcome, new Decision(Action.SCALE_UP, Reason.DEMAND, current, to, 0, message, checks));
        }
        if (wanted < current) {
            Optional<String> blocked = scaleDownBlocked(evaluation);
            if (blocked.isEmpty()) {
                int to = (int) Math.max(wanted, (long) current - settings.maxStepDown());
                double savings = CostAwarePolicy.savingsPerHour(settings, current, to);
                String message = "Scaling down from " + current + " to " + to + " replicas because " + (current - to)
                        + " are more than the demand and the forecast within "
                        + HumanText.duration(forecast.horizon().plus(settings.scaleDownCooldown())) + " need, saving "
                        + HumanText.money(savings) + " per hour.";
                return withDecision(outcome, new Decision(Action.SCALE_DOWN, Reason.EXCESS_CAPACITY, current, to, savings,
                        message, checks));
            }
            if (adaptive.to() < current) {
                String message = "Scale-down to " + wanted + " wanted, but " + blocked.get() + ", so the pool stays at " + current
                        + " replicas.";
                return withDecision(outcome, new Decision(Action.NONE, Reason.WITHIN_TARGET, current, current, 0, message, checks));
            }
            return withDecision(outcome, hold(adaptive, current, checks));
        }
        if (planned > reactive) {
            // Whatever Adaptive held for, the forecast is what keeps these replicas.
            String message = "The forecast (" + forecast.source() + ") expects up to " + HumanText.number(forecast.heldUpperRps())
                    + " requests/s within " + HumanText.duration(forecast.horizon().plus(settings.scaleDownCooldown()))
                    + ", which needs the " + current + " replicas the pool has, so it stays at " + current + " replicas.";
            return withDecision(outcome, new Decision(Action.NONE, Reason.FORECAST, current, current, 0, message, checks));
        }
        if (adaptive.to() != current || adaptive.reason() == Reason.EXCESS_CAPACITY) {
            String message = "The demand and the forecast need the " + current + " replicas the pool has, so it stays at "
                    + current + " replicas.";
            return withDecision(outcome, new Decision(Action.NONE, Reason.WITHIN_TARGET, current, current, 0, message, checks));
        }
        return withDecision(outcome, hold(adaptive, current, checks));
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

    private static PolicyOutcome withDecision(PolicyOutcome outcome, Decision decision) {
        return new PolicyOutcome(decision, outcome.memory(), outcome.sizing());
    }

    private static int bounded(PolicySettings settings, int sized) {
        return Math.max(settings.minReplicas(), Math.min(sized, settings.maxReplicas()));
    }

    private static int ceil(double value) {
        double up = Math.ceil(value - CEIL_TOLERANCE);
        return (int) Math.min(Math.max(up, 0), Integer.MAX_VALUE);
    }
}
