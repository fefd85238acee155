package dev.tokenscale.sim;

/**
 * A strategy that forecasts demand, and what it forecast at each scored step for the horizon it
 * plans over, so the chart can draw the forecast band against the actual load. NaN where it had
 * no forecast.
 */
public interface ForecastTrace {

    /** The largest expected demand over each step's horizon, requests per second. */
    double[] forecastRps();

    /** The largest upper-band demand over each step's horizon, requests per second. */
    double[] forecastUpperRps();
}
