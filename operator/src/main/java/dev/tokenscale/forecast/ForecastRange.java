package dev.tokenscale.forecast;

/**
 * What the forecaster expects over a window ahead.
 *
 * @param maxExpected the largest expected demand in the window
 * @param maxUpper the largest upper-band demand in the window: expected + z × the spread of recent errors
 * @param spread the root mean square of the model's recent one-bucket-ahead errors, in demand units
 * @param source the model the figures come from
 */
public record ForecastRange(double maxExpected, double maxUpper, double spread, ForecastSource source) {}
