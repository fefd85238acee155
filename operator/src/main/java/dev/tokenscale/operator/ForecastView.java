package dev.tokenscale.operator;

import dev.tokenscale.forecast.ForecastPlan;
import dev.tokenscale.forecast.ForecastSource;
import java.time.Duration;
import java.util.List;

/**
 * What one evaluation knew about the pool's lead time and demand forecast: for status.learned, the
 * ForecastReliable condition, the metrics and {@code explain}.
 *
 * @param coldStart the lead time planned with: p90 of the recent measured cold starts, or the seed
 * @param coldStartSamples how many cold starts were measured in all
 * @param recentColdStarts the recent measured cold starts, oldest first, at most 20
 * @param enabled whether the pool forecasts (spec.scaling.forecast.enabled)
 * @param plan the forecast's plan at this evaluation; null when not enabled
 * @param source where the forecast comes from; {@link ForecastSource#NONE} without one
 * @param historyDays days of demand the forecaster holds (history read plus live observations)
 * @param historyProblem why Prometheus' history could not be read; null when it was, or not asked
 * @param historyQuery the PromQL the history was read with; null before a read
 * @param maxErrorPercent spec.scaling.forecast.maxErrorPercent
 * @param applied whether the forecast took part in the decision (usable, with a capacity to size with)
 */
public record ForecastView(Duration coldStart, long coldStartSamples, List<Duration> recentColdStarts, boolean enabled,
        ForecastPlan plan, ForecastSource source, double historyDays, String historyProblem, String historyQuery, double maxErrorPercent,
        boolean applied) {

    public ForecastView {
        recentColdStarts = List.copyOf(recentColdStarts);
    }

    /** The forecast's error over the last day, once known and while forecasting. */
    public Double errorPercent() {
        return plan == null ? null : plan.errorPercent();
    }
}
