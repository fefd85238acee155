package dev.tokenscale.operator;

import dev.tokenscale.forecast.ForecastPlan;
import dev.tokenscale.forecast.ForecastSource;
import dev.tokenscale.forecast.Seasonality;
import java.util.Locale;

/**
 * Condition {@code ForecastReliable} of a forecasting pool: True while the forecast's error over the
 * last day is within spec.scaling.forecast.maxErrorPercent, False when it is above (the forecast is
 * ignored and the pool runs reactive) or when there is no forecast yet, Unknown before an hour of
 * forecasts has been checked (the pool runs reactive meanwhile). The message says where the forecast comes from, and when Prometheus
 * holds less than a day of history that it is the trend alone.
 */
final class ForecastReliableCondition {

    static final String TYPE = "ForecastReliable";
    static final String WITHIN_ERROR = "WithinError";
    static final String ERROR_TOO_HIGH = "ErrorTooHigh";
    static final String NO_FORECAST = "NoForecast";
    static final String NOT_CHECKED = "NotYetChecked";
    static final String DISABLED = "Disabled";

    private ForecastReliableCondition() {}

    /** Sets the condition on an Adaptive pool's conditions; other policies have none. */
    static void applyTo(ConditionSet conditions, ForecastView view, Seasonality seasonality) {
        if (!view.enabled()) {
            conditions.set(TYPE, ConditionSet.FALSE, DISABLED,
                    "spec.scaling.forecast.enabled is false, so the pool sizes for current demand only.");
            return;
        }
        ForecastPlan plan = view.plan();
        String history = history(view, seasonality);
        if (plan == null || plan.state() == ForecastPlan.State.NO_FORECAST) {
            conditions.set(TYPE, ConditionSet.FALSE, NO_FORECAST, "No forecast yet, so the pool runs reactive: "
                    + (view.historyProblem() != null ? "the history could not be read (" + view.historyProblem() + ")"
                            : "Prometheus holds no requestsPerSecond history for the pool")
                    + ", and live readings build a trend after " + PoolForecast.HISTORY_STEP.toMinutes() + " minutes.");
            return;
        }
        if (plan.state() == ForecastPlan.State.ERROR_TOO_HIGH) {
            conditions.set(TYPE, ConditionSet.FALSE, ERROR_TOO_HIGH, "The forecast's error over the last day is "
                    + percent(plan.errorPercent()) + ", above spec.scaling.forecast.maxErrorPercent "
                    + percent(view.maxErrorPercent()) + ", so it is ignored and the pool runs reactive. " + history);
            return;
        }
        if (plan.state() == ForecastPlan.State.NOT_CHECKED) {
            conditions.set(TYPE, ConditionSet.UNKNOWN, NOT_CHECKED, "The forecast (" + view.source().description()
                    + ") has not been checked against an hour of demand yet, so the pool runs reactive until it has. " + history);
            return;
        }
        conditions.set(TYPE, ConditionSet.TRUE, WITHIN_ERROR, "The forecast's error over the last day is "
                + percent(plan.errorPercent()) + " (at most " + percent(view.maxErrorPercent()) + "), from the "
                + view.source().description() + ". " + history);
    }

    private static String history(ForecastView view, Seasonality seasonality) {
        String held = String.format(Locale.ROOT, "%.1f days of demand history", view.historyDays());
        if (view.historyProblem() != null) {
            return "Prometheus' history could not be read (" + view.historyProblem() + "); " + held + " from live readings.";
        }
        if (seasonality != Seasonality.NONE && view.historyDays() < Seasonality.DAILY.daysNeeded()
                && (view.source() == ForecastSource.TREND || view.source() == ForecastSource.LEVEL)) {
            return "Prometheus holds only " + held + " (less than a day: a short retention, or a new pool), so there is"
                    + " no daily shape yet and the forecast uses the trend only.";
        }
        return held + ".";
    }

    private static String percent(Double value) {
        return String.format(Locale.ROOT, "%.1f%%", value);
    }
}
