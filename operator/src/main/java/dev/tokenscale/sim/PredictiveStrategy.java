package dev.tokenscale.sim;

import dev.tokenscale.forecast.DemandForecaster;
import dev.tokenscale.forecast.ForecastPlan;
import dev.tokenscale.forecast.ColdStartWatch;
import dev.tokenscale.forecast.Seasonality;
import dev.tokenscale.policy.CostAwarePolicy;
import dev.tokenscale.policy.ForecastDemand;
import dev.tokenscale.policy.PolicySettings;
import dev.tokenscale.policy.Predictive;
import dev.tokenscale.policy.ScalingState;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * The {@code adaptive} strategy plus a demand forecast, so replicas are ordered one cold start
 * before the load they are for:
 * the operator's {@link Predictive} rules, with horizon = the learned cold start + one step.
 * Without a learned capacity yet, before an hour of forecasts is checked, or while the forecast's error over the last day is above
 * {@value #MAX_ERROR_PERCENT}%, the strategy is Adaptive alone. The cold start is
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
    private final ColdStartWatch coldStarts = new ColdStartWatch(null);
    private final double[] forecastRps;
    private final double[] forecastUpperRps;
    private Instant lastScaleUp;

    public PredictiveStrategy(CostAwarePolicy policy, PolicySettings poolSettings, Duration step, int initialReplicas,
            int scoredSteps) {
        this.adaptive = new AdaptiveStrategy(policy, poolSettings, step, initialReplicas, new ReplayClock(ReplayScenario.START));
        this.settings = AdaptiveStrategy.adaptive(poolSettings, step);
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
        coldStarts.observe(view.time(), view.replicas(), view.readyReplicas());
        // What the metrics showed covers the step before this one.
        forecaster.observe(view.time().minus(step), view.observed().arrivalRps());
        int current = view.replicas();
        int wanted = adaptive.replicasFor(view);
        Optional<ForecastDemand> demand = forecastDemand(view);
        if (demand.isPresent()) {
            ScalingState state = new ScalingState(current, Math.min(view.readyReplicas(), current), lastScaleUp, null);
            wanted = Predictive.replicas(settings, ObservedSignals.snapshot(view.observed(), view.time()), state,
                    adaptive.lastOutcome(), demand.get(), view.time());
        }
        if (wanted > current) {
            coldStarts.ordered(view.time(), wanted);
            lastScaleUp = view.time();
        }
        return wanted;
    }

    /**
     * The forecast over the horizon and over the horizon plus the scale-down cooldown; empty without
     * a learned capacity, before an hour of its forecasts has been checked, or while the error over
     * the last day is above {@value #MAX_ERROR_PERCENT}%.
     */
    private Optional<ForecastDemand> forecastDemand(StepView view) {
        if (adaptive.learned().capacityRequestsPerSecond() == null) {
            return Optional.empty();
        }
        Duration horizon = coldStarts.estimate().plus(step);
        ForecastPlan plan = ForecastPlan.of(forecaster, view.time(), horizon, settings.scaleDownCooldown(), MAX_ERROR_PERCENT);
        if (!plan.usable()) {
            return Optional.empty();
        }
        if (view.index() >= 0 && view.index() < forecastRps.length) {
            forecastRps[view.index()] = plan.ahead().maxExpected();
            forecastUpperRps[view.index()] = plan.ahead().maxUpper();
        }
        return Optional.of(new ForecastDemand(plan.ahead().maxUpper(), plan.held().maxUpper(), horizon,
                plan.ahead().source().description()));
    }

    /** The cold start learned so far. */
    public Duration learnedColdStart() {
        return coldStarts.estimate();
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
