package dev.tokenscale.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ErrorWindowTest {

    @Test
    void theUpperQuantileInterpolatesBetweenRanksAndTakesTheLargerOfAbsoluteAndRelative() {
        ErrorWindow window = new ErrorWindow(10);
        // Errors 1..10 rps, each on a forecast of 100: relative errors 0.01..0.10.
        for (int i = 1; i <= 10; i++) {
            window.add(i, 100 + i);
        }
        // The 0.9 quantile of 1..10: rank 0.9 x 9 = 8.1, between 9 and 10: 9.1 rps; relative 0.091.
        assertThat(window.upperQuantile(0.9, 50)).as("at 50 rps the absolute 9.1 is larger than 0.091 x 50")
                .isCloseTo(9.1, within(1e-9));
        assertThat(window.upperQuantile(0.9, 200)).as("at 200 rps the relative 0.091 x 200 = 18.2 is larger")
                .isCloseTo(18.2, within(1e-9));
    }

    @Test
    void relativeErrorsAreTakenAgainstWhatWasForecastSoTheBandIsAsWideAsTheNoise() {
        ErrorWindow window = new ErrorWindow(10);
        // Forecast 100, demand 110: 10% above the forecast (9.1% of the demand).
        for (int i = 0; i < 10; i++) {
            window.add(10, 110);
        }
        assertThat(window.upperQuantile(0.9, 200)).as("10% of a 200 rps forecast").isCloseTo(20, within(1e-9));
    }

    @Test
    void aRelativeErrorCountsAtMostAsOneHundredPercent() {
        ErrorWindow window = new ErrorWindow(10);
        // A quiet night: forecast 0.2 rps, demand 2.2 rps, ten times the forecast.
        for (int i = 0; i < 10; i++) {
            window.add(2, 2.2);
        }
        assertThat(window.upperQuantile(0.9, 100)).as("at most 100% of the 100 rps forecast").isCloseTo(100, within(1e-9));
    }

    @Test
    void aFewHugeErrorsDoNotMoveTheQuantileAndNegativeQuantilesAreZero() {
        ErrorWindow window = new ErrorWindow(100);
        for (int i = 0; i < 95; i++) {
            window.add(-1, 100);
        }
        for (int i = 0; i < 5; i++) {
            window.add(500, 100);
        }
        assertThat(window.upperQuantile(0.9, 100)).as("95 errors of -1 rps and 5 of 500: the 0.9 quantile is -1, no band").isZero();
        assertThat(window.recentMae()).as("absolute errors weigh by size, not square").isPositive();
    }

    @Test
    void theRecentMeanAbsoluteErrorWeighsEachOlderErrorByTwentyThreeTwentyFourthsOfTheNext() {
        ErrorWindow window = new ErrorWindow(10);
        window.add(-24, 10);
        assertThat(window.recentMae()).as("one error is its own mean").isCloseTo(24, within(1e-12));
        window.add(0, 10);
        // Weights 23/24 for the older error and 1 for the newer: (23/24 x 24 + 0) / (23/24 + 1) = 23 x 24 / 47.
        assertThat(window.recentMae()).isCloseTo(23.0 * 24 / 47, within(1e-12));
    }
}
