package dev.tokenscale.cli;

import dev.tokenscale.operator.ForecastView;
import dev.tokenscale.operator.PoolSettings;
import dev.tokenscale.policy.Decision;
import dev.tokenscale.policy.ScalingState;
import dev.tokenscale.policy.Signal;
import dev.tokenscale.policy.SignalReading;
import dev.tokenscale.policy.Sizing;
import dev.tokenscale.signals.SignalReport;
import java.time.Instant;
import java.util.OptionalDouble;

/**
 * Everything one {@code explain} run found, for the JSON and text renderings.
 *
 * @param stateOrigin the state file, or null when the state was derived from the spec
 * @param sizing the Adaptive policy's arithmetic; null for the other policies or when it decided before sizing
 * @param forecast the demand forecast and lead time; null unless a forecasting pool was read with --prometheus
 */
record Explanation(
        String poolName,
        String poolOrigin,
        PoolSettings settings,
        String signalOrigin,
        SignalReport signals,
        String stateOrigin,
        ScalingState state,
        Instant now,
        Decision decision,
        Sizing sizing,
        ForecastView forecast) {

    /** Cost per hour of the replicas the decision leaves, overhead included. */
    double hourlyCost() {
        return settings.cost().hourly(decision.to());
    }

    /** Per million tokens now: the throughput was measured on the current replicas. Empty without one. */
    OptionalDouble perMillionTokensNow() {
        SignalReading throughput = signals.snapshot().get(Signal.TOKENS_PER_SECOND);
        Double tokensPerSecond = throughput instanceof SignalReading.Present present ? present.value() : null;
        return settings.cost().perMillionTokens(decision.from(), tokensPerSecond);
    }
}
