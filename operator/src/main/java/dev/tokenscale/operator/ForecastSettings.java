package dev.tokenscale.operator;

import dev.tokenscale.forecast.Seasonality;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code spec.scaling.forecast} and {@code spec.scaling.coldStartHint}, validated and defaulted.
 *
 * @param enabled whether the Adaptive policy plans ahead with the forecast
 * @param horizon how far ahead to plan; null for the learned cold start plus one evaluation interval
 * @param seasonality which earlier time the forecast takes its shape from
 * @param confidence the one-sided probability the upper band covers the demand
 * @param maxErrorPercent above this error over the last day the forecast is ignored
 * @param coldStartHint the user's cold-start estimate until three are measured; null for 120 s
 */
public record ForecastSettings(boolean enabled, Duration horizon, Seasonality seasonality, double confidence,
        double maxErrorPercent, Duration coldStartHint) {

    public static final double DEFAULT_CONFIDENCE = 0.9;
    public static final double DEFAULT_MAX_ERROR_PERCENT = 30;

    /** No forecast, no hint: what a Step or Proportional pool without the fields gets. */
    public static final ForecastSettings OFF = new ForecastSettings(false, null, Seasonality.DAILY, DEFAULT_CONFIDENCE,
            DEFAULT_MAX_ERROR_PERCENT, null);

    public ForecastSettings {
        Objects.requireNonNull(seasonality, "seasonality");
    }

    /** The horizon to plan for: the configured one, else the cold start plus one evaluation interval. */
    public Duration horizon(Duration coldStart, Duration evaluationInterval) {
        return horizon != null ? horizon : coldStart.plus(evaluationInterval);
    }
}
