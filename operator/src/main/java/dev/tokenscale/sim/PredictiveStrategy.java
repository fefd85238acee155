package dev.tokenscale.sim;

import dev.tokenscale.forecast.DemandForecaster;
import dev.tokenscale.forecast.ForecastRange;
import dev.tokenscale.forecast.LeadTimeEstimator;
import dev.tokenscale.forecast.Seasonality;
import dev.tokenscale.policy.CostAwarePolicy;
import dev.tokenscale.policy.PolicyOutcome;
import dev.tokenscale.policy.PolicySettings;
import dev.tokenscale.policy.Reason;
import dev.tokenscale.policy.Sizing;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The {@code adaptive} strategy plus a demand forecast, so replicas are ordered one cold start
 * before the load they are for:
 * <ul>
 *   <li>scale up to the replicas the largest upper-band demand over [now, now + horizon] needs,
 *       horizon = the learned cold start + one step;</li>
 *   <li>never hold fewer than the largest expected demand over [now, now + horizon + the scale-down
 *       cooldown] needs: nothing is given back that would have to be re-ordered before it could start;</li>
 *   <li>the pool gets the larger of that and Adaptive's desired count for current demand; a scale-up
 *       Adaptive's safety net forces (an SLO breach, a queue) still happens. The forecast floor
 *       replaces Adaptive's look-back stabilization window, and a scale-down still never comes within
 *       the scale-up cooldown of a scale-up, nor while a signal is missing.</li>
 * </ul>
 * Replicas for a demand are ceil(demand ÷ (learned capacity × targetPercent / 100)), the capacity
 * Adaptive learned from the replay; without one yet, or while the forecast's error over the last
 * day is above {@value #MAX_ERROR_PERCENT}%, the strategy is Adaptive alone. The cold start is
 * learned from the replay's own scale-ups (order to all ready), never read from {@code --cold-start}.
 */
public final class PredictiveStrategy implements Strategy, ForecastTrace {

    public static final String NAME = "predictive";
    /** Above this forecast error the forecast is ignored, as {@code spec.scaling.forecast.maxErrorPercent}'s default. */
    static final double MAX_ERROR_PERCENT = 30;

    private final AdaptiveStrategy adaptive;
    private final PolicySettings settings;
    private final Duration step;
    private final DemandForecaster forecaster = new DemandForecaster(Seasonality.DAILY, DemandForecaster.DEFAULT_CONFIDENCE);
    private final LeadTimeEstimator leadTime = new LeadTimeEstimator(null);
    private final double[] forecastRps;
    private final double[] forecastUpperRps;
    private Instant orderedAt;
    private int orderedCount;
    private Instant lastScaleUp;

    public PredictiveStrategy(CostAwarePolicy policy, PolicySettings poolSettings, Duration step, int initialReplicas,
            int scoredSteps) {
        this.adaptive = new AdaptiveStrategy(policy, poolSettings, step, initialReplicas, new ReplayClock(ReplayScenario.START));
        this.settings = poolSettings;
        this.step = step;
        this.forecastRps = new double[scoredSteps];
        this.forecastUpperRps = new double[scoredSteps];
        Arrays.fill(forecastRps, Double.NaN);
        Arrays.fill(forecastUpperRps, Double.NaN);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int initialReplicas() {
        return adaptive.initialReplicas();
    }

    @Override
    public int replicasFor(StepView view) {
        learnColdStart(view);
        // What the metrics showed covers the step before this one.
        forecaster.observe(view.time().minus(step), view.observed().arrivalRps());
        int current = view.replicas();
        int decided = adaptive.replicasFor(view);
        PolicyOutcome outcome = adaptive.lastOutcome();
        Integer reactive = reactiveDesired(view, outcome);
        int forecast = forecastReplicas(view);
        int wanted = decided;
        if (forecast > 0 && reactive != null) {
            // The forecast floor takes the place of Adaptive's look-back window: it holds what the
            // coming minutes need rather than what the last ones did. Adaptive's safety net still counts.
            wanted = Math.max(Math.max(reactive, forecast), safetyNet(outcome, current));
            wanted = Math.max(settings.minReplicas(), Math.min(settings.maxReplicas(), wanted));
            if (wanted < current && mustNotScaleDown(view, outcome)) {
                wanted = current;
            }
        }
        if (wanted > current) {
            orderedAt = view.time();
            orderedCount = wanted;
            lastScaleUp = view.time();
        }
        return wanted;
    }

    /**
     * What the metrics show arriving now, plus the visible queue drained over the scale-up cooldown,
     * over Adaptive's learned capacity at target. Adaptive's own demand also keeps room for a rise
     * as large as the last hour's; the forecast plans for rises here, so that room is left out.
     * Null when Adaptive has no capacity yet.
     */
    private Integer reactiveDesired(StepView view, PolicyOutcome outcome) {
        Sizing sizing = outcome.sizing();
        if (sizing == null || sizing.capacityRps() == null) {
            return null;
        }
        double drainSeconds = Math.max(1, settings.scaleUpCooldown().toSeconds());
        double demand = view.observed().arrivalRps() + view.observed().queueDepth() / drainSeconds;
        long replicas = (long) Math.ceil(demand / (sizing.capacityRps() * settings.targetPercent() / 100));
        return (int) Math.max(settings.minReplicas(), Math.min(settings.maxReplicas(), replicas));
    }

    /** Adaptive's scale-up when an SLO breach or a queue forced it, else nothing. */
    private static int safetyNet(PolicyOutcome outcome, int current) {
        Reason reason = outcome.decision().reason();
        boolean forced = reason == Reason.SLO_VIOLATION || reason == Reason.QUEUE_BACKLOG;
        return forced && outcome.decision().to() > current ? outcome.decision().to() : 0;
    }

    /** Never within the scale-up cooldown of a scale-up, and never blind. */
    private boolean mustNotScaleDown(StepView view, PolicyOutcome outcome) {
        if (outcome.decision().reason() == Reason.METRICS_UNAVAILABLE) {
            return true;
        }
        return lastScaleUp != null && view.time().isBefore(lastScaleUp.plus(settings.scaleUpCooldown()));
    }

    /** The cold start of the latest scale-up: from its order to the step all it ordered serve. */
    private void learnColdStart(StepView view) {
        if (orderedAt == null) {
            return;
        }
        if (view.replicas() < orderedCount) {
            orderedAt = null;
        } else if (view.readyReplicas() >= orderedCount) {
            leadTime.record(Duration.between(orderedAt, view.time()));
            orderedAt = null;
        }
    }

    private int forecastReplicas(StepView view) {
        Double capacity = adaptive.learned().capacityRequestsPerSecond();
        OptionalDouble error = forecaster.errorPercent();
        if (capacity == null || (error.isPresent() && error.getAsDouble() > MAX_ERROR_PERCENT)) {
            return 0;
        }
        Duration horizon = leadTime.estimate().plus(step);
        Optional<ForecastRange> ahead = forecaster.forecast(view.time(), horizon);
        Optional<ForecastRange> held = forecaster.forecast(view.time(), horizon.plus(settings.scaleDownCooldown()));
        if (ahead.isEmpty() || held.isEmpty()) {
            return 0;
        }
        if (view.index() >= 0 && view.index() < forecastRps.length) {
            forecastRps[view.index()] = ahead.get().maxExpected();
            forecastUpperRps[view.index()] = ahead.get().maxUpper();
        }
        double perReplica = capacity * settings.targetPercent() / 100;
        long up = (long) Math.ceil(ahead.get().maxUpper() / perReplica);
        long floor = (long) Math.ceil(held.get().maxUpper() / perReplica);
        return (int) Math.max(settings.minReplicas(), Math.min(settings.maxReplicas(), Math.max(up, floor)));
    }

    /** The cold start learned so far. */
    public Duration learnedColdStart() {
        return leadTime.estimate();
    }

    @Override
    public double[] forecastRps() {
        return forecastRps.clone();
    }

    @Override
    public double[] forecastUpperRps() {
        return forecastUpperRps.clone();
    }
}
