package dev.tokenscale.forecast;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Whether and what a pool's forecast says for sizing now: the range over the horizon (what to scale
 * up for) and over the horizon plus the scale-down cooldown (what not to give back). One gate for
 * the operator and {@code simulate}: a forecast whose error over the last day is above the maximum,
 * or one that does not exist yet, is not used and the pool runs reactive.
 *
 * @param ahead the range over [now, now + horizon]; null unless {@link #usable()}
 * @param held the range over [now, now + horizon + hold]; null unless {@link #usable()}
 * @param horizon how far ahead the plan looks
 * @param errorPercent the forecast's error over the last day; null before an hour of checked forecasts
 * @param state whether the forecast is used, and if not why
 */
public record ForecastPlan(ForecastRange ahead, ForecastRange held, Duration horizon, Double errorPercent, State state) {

    /** Whether the forecast is used, and if not why. */
    public enum State {
        /** Used; its error is within the maximum, or not yet known. */
        USABLE,
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
        var held = forecaster.forecast(now, horizon.plus(hold));
        if (ahead.isEmpty() || held.isEmpty()) {
            return new ForecastPlan(null, null, horizon, errorPercent, State.NO_FORECAST);
        }
        return new ForecastPlan(ahead.get(), held.get(), horizon, errorPercent, State.USABLE);
    }

    public boolean usable() {
        return state == State.USABLE;
    }
}
