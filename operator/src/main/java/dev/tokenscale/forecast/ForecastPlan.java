package dev.tokenscale.forecast;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Whether and what a pool's forecast says for sizing now: the range over the horizon (what to scale
 * up for) and over the horizon plus the scale-down cooldown (what not to give back). One gate for
 * the operator and {@code simulate}: a forecast that does not exist yet, has not been checked against
 * an hour of demand, or whose error over the last day is above the maximum, is not used and the pool
 * runs reactive. A trend read off half an hour of history is a guess until it has been checked.
 *
 * @param ahead the range over [now, now + horizon]; null without a forecast or when it is ignored for its error
 * @param held the range over [now, now + horizon + hold], with the band the demand stays under in every
 *     bucket of it at once ({@link DemandForecaster#forecastWholeWindow}); null as {@code ahead}
 * @param horizon how far ahead the plan looks
 * @param errorPercent the forecast's error over the last day; null before an hour of checked forecasts
 * @param state whether the forecast is used, and if not why
 */
public record ForecastPlan(ForecastRange ahead, ForecastRange held, Duration horizon, Double errorPercent, State state) {

    /** Whether the forecast is used, and if not why. */
    public enum State {
        /** Used: its error over the last day is within the maximum. */
        USABLE,
        /** Not used yet: fewer than an hour of its forecasts have been checked against the demand. */
        NOT_CHECKED,
        /** No forecast yet: no completed bucket of demand. */
        NO_FORECAST,
        /** Ignored: the error over the last day is above the maximum. */
        ERROR_TOO_HIGH
    }

    public ForecastPlan {
        Objects.requireNonNull(horizon, "horizon");
        Objects.requireNonNull(state, "state");
    }

    /**
     * @param hold what the floor looks further than the horizon: the scale-down cooldown
     * @param maxErrorPercent above this error over the last day the forecast is ignored
     */
    public static ForecastPlan of(DemandForecaster forecaster, Instant now, Duration horizon, Duration hold,
            double maxErrorPercent) {
        OptionalDouble error = forecaster.errorPercent();
        Double errorPercent = error.isPresent() ? error.getAsDouble() : null;
        if (errorPercent != null && errorPercent > maxErrorPercent) {
            return new ForecastPlan(null, null, horizon, errorPercent, State.ERROR_TOO_HIGH);
        }
        var ahead = forecaster.forecast(now, horizon);
        var held = forecaster.forecastWholeWindow(now, horizon.plus(hold));
        if (ahead.isEmpty() || held.isEmpty()) {
            return new ForecastPlan(null, null, horizon, errorPercent, State.NO_FORECAST);
        }
        if (errorPercent == null) {
            return new ForecastPlan(ahead.get(), held.get(), horizon, null, State.NOT_CHECKED);
        }
        return new ForecastPlan(ahead.get(), held.get(), horizon, errorPercent, State.USABLE);
    }

    public boolean usable() {
        return state == State.USABLE;
    }
}
