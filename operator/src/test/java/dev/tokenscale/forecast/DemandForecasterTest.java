package dev.tokenscale.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class DemandForecasterTest {

    private static final long DAY = 86_400;
    private static final long HOUR = 3_600;
    private static final Instant MONDAY = Instant.parse("2026-11-30T00:00:00Z");
    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

    /** Feeds {@code demand(t)} once a minute over [from, to) seconds since MONDAY. */
    private static void feed(DemandForecaster forecaster, long fromSeconds, long toSeconds, DoubleUnaryOperator demand) {
        for (long t = fromSeconds; t < toSeconds; t += 60) {
            forecaster.observe(MONDAY.plusSeconds(t), demand.applyAsDouble(t));
        }
    }

    /** The largest 5-minute mean of a minute-sampled {@code demand} over the buckets the forecast covers. */
    private static double largestBucketMean(DoubleUnaryOperator demand, long fromSeconds, long toSeconds) {
        double largest = 0;
        for (long bucket = fromSeconds / 300 * 300; bucket <= toSeconds; bucket += 300) {
            double sum = 0;
            for (long t = bucket; t < bucket + 300; t += 60) {
                sum += demand.applyAsDouble(t);
            }
            largest = Math.max(largest, sum / 5);
        }
        return largest;
    }

    private static ForecastRange at(DemandForecaster forecaster, long seconds, Duration horizon) {
        return forecaster.forecast(MONDAY.plusSeconds(seconds), horizon).orElseThrow();
    }

    @Test
    void aPureDailySineIsForecastFromYesterdayWithANarrowBand() {
        DoubleUnaryOperator sine = t -> 100 + 50 * Math.sin(2 * Math.PI * t / DAY);
        DemandForecaster forecaster = new DemandForecaster(Seasonality.DAILY, 0.9);
        feed(forecaster, 0, 2 * DAY + 6 * HOUR, sine);

        ForecastRange range = at(forecaster, 2 * DAY + 6 * HOUR, TEN_MINUTES);

        assertThat(range.source()).isEqualTo(ForecastSource.DAILY);
        double truth = largestBucketMean(sine, 2 * DAY + 6 * HOUR, 2 * DAY + 6 * HOUR + 600);
        assertThat(range.maxExpected()).isCloseTo(truth, within(truth * 0.005));
        assertThat(range.spread()).as("yesterday explains today").isLessThan(0.5);
        assertThat(forecaster.errorPercent().orElseThrow()).isLessThan(0.5);
    }

    @Test
    void withLessThanADayOfHistoryThereIsNoProfileOnlyTheTrend() {
        DoubleUnaryOperator sine = t -> 100 + 50 * Math.sin(2 * Math.PI * t / DAY);
        DemandForecaster forecaster = new DemandForecaster(Seasonality.DAILY, 0.9);
        feed(forecaster, 0, 20 * HOUR, sine);

        assertThat(forecaster.source()).isEqualTo(ForecastSource.TREND);
        feed(forecaster, 20 * HOUR, DAY + 10 * 60, sine);
        assertThat(forecaster.source()).isEqualTo(ForecastSource.DAILY);
    }

    @Test
    void aStepIsFollowedWithinAnHourAndOneSurpriseDoesNotWidenTheBand() {
        DoubleUnaryOperator step = t -> t < 6 * HOUR ? 100 : 200;
        DemandForecaster forecaster = new DemandForecaster(Seasonality.DAILY, 0.9);
        feed(forecaster, 0, 6 * HOUR, step);
        ForecastRange before = at(forecaster, 6 * HOUR, TEN_MINUTES);

        feed(forecaster, 6 * HOUR, 6 * HOUR + 15 * 60, step);
        ForecastRange justAfter = at(forecaster, 6 * HOUR + 15 * 60, TEN_MINUTES);
        feed(forecaster, 6 * HOUR + 15 * 60, 8 * HOUR, step);
        ForecastRange later = at(forecaster, 8 * HOUR, TEN_MINUTES);

        assertThat(before.maxExpected()).isEqualTo(100);
        assertThat(before.spread()).isZero();
        assertThat(justAfter.maxExpected()).as("the trend follows at once").isGreaterThan(150);
        assertThat(later.maxExpected()).isCloseTo(200, within(2.0));
        // Three errors of 100 among the day's: the 0.9 quantile is still 0. A one-off surprise is the
        // reactive sizing's to catch; only surprises that recur (10% of buckets) widen the band.
        assertThat(later.maxUpper() - later.maxExpected()).isLessThan(1);
    }

    @Test
    void aLevelChangeAgainstYesterdayIsCorrectedByTheLevelRatio() {
        DoubleUnaryOperator sine = t -> 100 + 50 * Math.sin(2 * Math.PI * t / DAY);
        DoubleUnaryOperator weekend = t -> t < 2 * DAY ? sine.applyAsDouble(t) : 0.6 * sine.applyAsDouble(t);
        DemandForecaster forecaster = new DemandForecaster(Seasonality.DAILY, 0.9);
        feed(forecaster, 0, 2 * DAY + 10 * HOUR, weekend);

        ForecastRange range = at(forecaster, 2 * DAY + 10 * HOUR, TEN_MINUTES);

        double truth = largestBucketMean(weekend, 2 * DAY + 10 * HOUR, 2 * DAY + 10 * HOUR + 600);
        assertThat(range.source()).isEqualTo(ForecastSource.DAILY);
        assertThat(range.maxExpected()).as("60%% of yesterday, not yesterday").isCloseTo(truth, within(truth * 0.02));
    }

    @Test
    void aLinearTrendIsExtrapolatedOverTheHorizon() {
        DoubleUnaryOperator ramp = t -> 50 + 0.1 * t / 60;
        DemandForecaster forecaster = new DemandForecaster(Seasonality.NONE, 0.9);
        feed(forecaster, 0, 12 * HOUR, ramp);

        ForecastRange range = at(forecaster, 12 * HOUR, Duration.ofMinutes(15));
        ForecastRange nextBucket = at(forecaster, 12 * HOUR, Duration.ZERO);

        double truth = largestBucketMean(ramp, 12 * HOUR, 12 * HOUR + 15 * 60);
        assertThat(range.source()).isEqualTo(ForecastSource.TREND);
        assertThat(range.maxExpected() - nextBucket.maxExpected()).as("the ramp goes on rising over the horizon")
                .isGreaterThan(0.5);
        // A damped trend (φ 0.95) lags a ramp a little rather than overshoot a step: within 2%.
        assertThat(range.maxExpected()).isCloseTo(truth, within(truth * 0.02));
    }

    @Test
    void whiteNoiseGetsAFlatForecastNearItsMeanAndAWideBandNotYesterdaysNoiseAsAShape() {
        SplittableRandom random = new SplittableRandom(5);
        DemandForecaster forecaster = new DemandForecaster(Seasonality.DAILY, 0.9);
        // One value per bucket: the bucket means themselves are the noise, σ = 10 around 100.
        for (long t = 0; t < 3 * DAY; t += 300) {
            forecaster.observe(MONDAY.plusSeconds(t), 100 + 10 * random.nextGaussian());
        }

        ForecastRange nextHour = at(forecaster, 3 * DAY, Duration.ofHours(1));
        double lowest = Double.MAX_VALUE;
        double highest = 0;
        for (int bucket = 0; bucket < 12; bucket++) {
            double expected = at(forecaster, 3 * DAY + bucket * 300, Duration.ZERO).maxExpected();
            lowest = Math.min(lowest, expected);
            highest = Math.max(highest, expected);
        }

        assertThat(forecaster.source()).as("no trend invented from the last few values").isNotEqualTo(ForecastSource.TREND);
        assertThat(nextHour.maxExpected()).isCloseTo(100, within(10.0));
        // The last three days' buckets replayed as they were (their mean) would swing the hour by about
        // 2σ, 19 rps; the level, or the profile's median over neighbours and days, leaves under one.
        assertThat(highest - lowest).as("flat: no invented shape").isLessThan(10);
        assertThat(nextHour.spread()).as("the band is as wide as the noise").isGreaterThan(9);
        assertThat(nextHour.maxUpper() - nextHour.maxExpected()).isCloseTo(1.2816 * nextHour.spread(), within(1e-3));
    }

    @Test
    void aOneOffFlashCrowdInTheDaysErrorsDoesNotWidenTheBandForTheRestOfTheDay() {
        SplittableRandom random = new SplittableRandom(7);
        DoubleUnaryOperator day = t -> 100 + 50 * Math.sin(2 * Math.PI * t / DAY);
        DemandForecaster calm = new DemandForecaster(Seasonality.DAILY, 0.9);
        DemandForecaster crowded = new DemandForecaster(Seasonality.DAILY, 0.9);
        // Two days of the same shape with 5% noise, one value per bucket; on the second, 07:20 to
        // 07:40 runs at three times the load, which nothing announced.
        for (long t = 0; t < 2 * DAY; t += 300) {
            double value = day.applyAsDouble(t) * (1 + 0.05 * random.nextGaussian());
            calm.observe(MONDAY.plusSeconds(t), value);
            boolean crowd = t >= DAY + 7 * HOUR + 1200 && t < DAY + 7 * HOUR + 2400;
            crowded.observe(MONDAY.plusSeconds(t), crowd ? 3 * value : value);
        }

        ForecastRange without = at(calm, 2 * DAY - 600, TEN_MINUTES);
        ForecastRange with = at(crowded, 2 * DAY - 600, TEN_MINUTES);
        // Four buckets of 288 hold the crowd's errors: the 0.9 quantile moves by a few ranks. A root
        // mean square would not: 4 errors of about 200 rps in a day are an RMS of 24 rps on their own,
        // a band of 30 rps at 0.9.
        double calmBand = without.maxUpper() - without.maxExpected();
        assertThat(calmBand).isPositive();
        assertThat(with.maxUpper() - with.maxExpected()).isLessThan(calmBand + 3);
    }

    @Test
    void oneWildBucketLeavesTheProfileInChargeAndTheMorningRampForecast() {
        DoubleUnaryOperator steps = t -> (t % DAY) < 6 * HOUR ? 20 : 35;
        DemandForecaster forecaster = new DemandForecaster(Seasonality.DAILY, 0.9);
        feed(forecaster, 0, DAY, steps);
        // Just after midnight one bucket reads 40 instead of 20: a scrape that straddled a restart.
        feed(forecaster, DAY, DAY + 300, t -> 40);
        feed(forecaster, DAY + 300, DAY + 5 * HOUR + 55 * 60, steps);

        ForecastRange range = at(forecaster, DAY + 5 * HOUR + 55 * 60, TEN_MINUTES);
        // Weighted by absolute errors, the profile's one error of 20 is forgotten within the night,
        // so yesterday's 06:00 step to 35 is forecast; the trend would say 20.
        assertThat(range.source()).isEqualTo(ForecastSource.DAILY);
        assertThat(range.maxExpected()).isCloseTo(35, within(0.5));
    }

    @Test
    void noiseThatGrowsWithTheLoadGetsAWiderBandAtThePeakThanAtNight() {
        SplittableRandom random = new SplittableRandom(21);
        DoubleUnaryOperator sine = t -> 100 + 80 * Math.sin(2 * Math.PI * t / DAY);
        DemandForecaster forecaster = new DemandForecaster(Seasonality.DAILY, 0.9);
        for (long t = 0; t < 3 * DAY; t += 300) {
            forecaster.observe(MONDAY.plusSeconds(t), sine.applyAsDouble(t) * (1 + 0.05 * random.nextGaussian()));
        }

        ForecastRange peak = at(forecaster, 3 * DAY + 6 * HOUR, Duration.ZERO);
        ForecastRange night = at(forecaster, 3 * DAY + 18 * HOUR, Duration.ZERO);

        assertThat(peak.spread()).as("wider at 180 rps than at 20 rps").isGreaterThan(1.3 * night.spread());
        // The profile's own error is small beside the noise once it is a median over neighbours and
        // days; 288 errors put the 0.9 quantile within about 10% of the normal's.
        assertThat(peak.spread() / peak.maxExpected()).as("about the 5%% noise").isBetween(0.045, 0.06);
    }

    @Test
    void theProfileIsTheMedianOfNeighbouringBucketsSoASpikeIsDroppedAndAStepStaysWhereItWas() {
        // Every fifth bucket spikes to 160 (a window of five holds one spike at most); at 10:00 the
        // load steps from 100 to 200 every day.
        DemandForecaster forecaster = new DemandForecaster(Seasonality.DAILY, 0.9);
        for (long t = 0; t < DAY + 9 * HOUR; t += 300) {
            double base = (t % DAY) < 10 * HOUR ? 100 : 200;
            forecaster.observe(MONDAY.plusSeconds(t), (t / 300) % 5 == 0 ? base + 60 : base);
        }

        // A mean of yesterday's neighbours would give 112 before the step and 140 at it.
        assertThat(at(forecaster, DAY + 9 * HOUR + 3_000, Duration.ZERO).maxExpected()).as("09:50, no spike")
                .isCloseTo(100, within(1e-9));
        assertThat(at(forecaster, DAY + 9 * HOUR + 3_300, Duration.ZERO).maxExpected()).as("09:55").isCloseTo(100, within(1e-9));
        assertThat(at(forecaster, DAY + 10 * HOUR, Duration.ZERO).maxExpected()).as("10:00, the step").isCloseTo(200, within(1e-9));
    }

    @Test
    void aPatternThatRepeatsFromBucketToBucketKeepsTheRawProfileWhichTheMedianWouldFlatten() {
        // A twenty-minute cycle, 19.5, 20.5, 20.2, 19.8, the same every day: a scrape that aliases
        // with the rate window does this. The median of five would say about 20 for every bucket.
        double[] cycle = {19.5, 20.5, 20.2, 19.8};
        DemandForecaster forecaster = new DemandForecaster(Seasonality.DAILY, 0.9);
        for (long t = 0; t < 2 * DAY; t += 300) {
            forecaster.observe(MONDAY.plusSeconds(t), cycle[(int) (t / 300 % 4)]);
        }

        for (int bucket = 0; bucket < 4; bucket++) {
            ForecastRange range = at(forecaster, 2 * DAY + bucket * 300, Duration.ZERO);
            assertThat(range.source()).isEqualTo(ForecastSource.DAILY);
            assertThat(range.maxExpected()).as("bucket %d", bucket).isCloseTo(cycle[bucket], within(1e-6));
        }
    }

    @Test
    void aStepAtTheStartOfTheHistoryStaysWhereItWas() {
        // The history starts at 09:55, one bucket before the step from 100 to 200 at 10:00: yesterday's
        // 09:55 has no neighbour before it, so its window is that bucket alone, not 100, 200, 200.
        DemandForecaster forecaster = new DemandForecaster(Seasonality.DAILY, 0.9);
        for (long t = 9 * HOUR + 3_300; t < DAY + 9 * HOUR + 3_300; t += 300) {
            forecaster.observe(MONDAY.plusSeconds(t), (t % DAY) >= 10 * HOUR ? 200 : 100);
        }
        forecaster.observe(MONDAY.plusSeconds(DAY + 9 * HOUR + 3_300), 100);

        assertThat(at(forecaster, DAY + 9 * HOUR + 3_300, Duration.ZERO).maxExpected()).as("09:55").isCloseTo(100, within(1e-9));
        assertThat(at(forecaster, DAY + 10 * HOUR, Duration.ZERO).maxExpected()).as("10:00").isCloseTo(200, within(1e-9));
    }

    @Test
    void aShiftAgainstYesterdayMidDayIsFollowedByTheResidualTrendWithinHalfAnHour() {
        DoubleUnaryOperator sine = t -> 100 + 50 * Math.sin(2 * Math.PI * t / DAY);
        DoubleUnaryOperator shifted = t -> sine.applyAsDouble(t) + (t >= DAY + 12 * HOUR ? 50 : 0);
        DemandForecaster forecaster = new DemandForecaster(Seasonality.DAILY, 0.9);
        feed(forecaster, 0, DAY + 12 * HOUR + 30 * 60, shifted);

        ForecastRange range = at(forecaster, DAY + 12 * HOUR + 30 * 60, Duration.ZERO);

        // The level's median over two hours has not moved yet (6 of 24 buckets shifted): the profile
        // alone would say the sine, 50 rps short. The trend of the residual overshoots a step a little.
        double truth = largestBucketMean(shifted, DAY + 12 * HOUR + 30 * 60, DAY + 12 * HOUR + 30 * 60);
        assertThat(range.source()).isEqualTo(ForecastSource.DAILY);
        assertThat(range.maxExpected()).isCloseTo(truth, within(10.0));
    }

    @Test
    void theWholeWindowBandIsWiderByTheNormalQuantileForOneMinusTheMissSharedOverItsBuckets() {
        SplittableRandom random = new SplittableRandom(3);
        DemandForecaster forecaster = new DemandForecaster(Seasonality.NONE, 0.9);
        for (long t = 0; t < DAY; t += 300) {
            forecaster.observe(MONDAY.plusSeconds(t), 100 + 10 * random.nextGaussian());
        }
        Instant now = MONDAY.plusSeconds(DAY);

        ForecastRange each = forecaster.forecast(now, TEN_MINUTES).orElseThrow();
        ForecastRange all = forecaster.forecastWholeWindow(now, TEN_MINUTES).orElseThrow();
        ForecastRange oneBucket = forecaster.forecastWholeWindow(now, Duration.ZERO).orElseThrow();

        // Three buckets (now, +5 and +10 minutes): each at 1 - 0.1 / 3, z 1.8339 against 0.9's 1.2816.
        assertThat(all.maxExpected()).isEqualTo(each.maxExpected());
        assertThat((all.maxUpper() - all.maxExpected()) / (each.maxUpper() - each.maxExpected()))
                .isCloseTo(1.8339 / 1.2816, within(1e-3));
        ForecastRange eachOne = forecaster.forecast(now, Duration.ZERO).orElseThrow();
        assertThat(oneBucket.maxUpper()).as("one bucket: the confidence itself").isEqualTo(eachOne.maxUpper());
    }

    @Test
    void weeklySeasonalityWaitsForFourteenDaysOfHistory() {
        DoubleUnaryOperator daily = t -> 100 + 50 * Math.sin(2 * Math.PI * t / DAY);
        DemandForecaster forecaster = new DemandForecaster(Seasonality.WEEKLY, 0.9);
        for (long t = 0; t < 13 * DAY; t += 300) {
            forecaster.observe(MONDAY.plusSeconds(t), daily.applyAsDouble(t));
        }
        assertThat(forecaster.source()).isEqualTo(ForecastSource.DAILY);

        for (long t = 13 * DAY; t < 14 * DAY + 600; t += 300) {
            forecaster.observe(MONDAY.plusSeconds(t), daily.applyAsDouble(t));
        }
        assertThat(forecaster.source()).isEqualTo(ForecastSource.WEEKLY);
    }

    @Test
    void missingNegativeAndOutOfOrderValuesAreSkippedNeverTakenAsZero() {
        DemandForecaster forecaster = new DemandForecaster(Seasonality.DAILY, 0.9);
        feed(forecaster, 0, HOUR, t -> 80);
        forecaster.observe(MONDAY.plusSeconds(HOUR), Double.NaN);
        forecaster.observe(MONDAY.plusSeconds(HOUR + 60), -5);
        forecaster.observe(MONDAY.plusSeconds(HOUR + 120), Double.POSITIVE_INFINITY);
        forecaster.observe(MONDAY.plusSeconds(10), 0);
        feed(forecaster, HOUR + 180, 2 * HOUR, t -> 80);

        ForecastRange range = at(forecaster, 2 * HOUR, TEN_MINUTES);

        assertThat(range.maxExpected()).isEqualTo(80);
        assertThat(range.spread()).isZero();
    }

    @Test
    void beforeTheFirstCompletedBucketThereIsNoForecast() {
        DemandForecaster forecaster = new DemandForecaster(Seasonality.DAILY, 0.9);
        forecaster.observe(MONDAY, 50);

        assertThat(forecaster.forecast(MONDAY.plusSeconds(60), TEN_MINUTES)).isEmpty();
        assertThat(forecaster.source()).isEqualTo(ForecastSource.NONE);
        assertThat(forecaster.errorPercent()).isEmpty();
    }

    @Test
    void aHigherConfidenceWidensTheBand() {
        SplittableRandom random = new SplittableRandom(9);
        DemandForecaster ninety = new DemandForecaster(Seasonality.NONE, 0.9);
        DemandForecaster ninetyNine = new DemandForecaster(Seasonality.NONE, 0.99);
        for (long t = 0; t < DAY; t += 300) {
            double demand = 100 + 10 * random.nextGaussian();
            ninety.observe(MONDAY.plusSeconds(t), demand);
            ninetyNine.observe(MONDAY.plusSeconds(t), demand);
        }

        ForecastRange low = at(ninety, DAY, TEN_MINUTES);
        ForecastRange high = at(ninetyNine, DAY, TEN_MINUTES);

        assertThat(high.maxExpected()).isEqualTo(low.maxExpected());
        // The empirical 0.99 and 0.9 quantiles of 288 Gaussian errors: near the normal's 2.33 / 1.28.
        assertThat((high.maxUpper() - high.maxExpected()) / (low.maxUpper() - low.maxExpected()))
                .isCloseTo(2.3263 / 1.2816, within(0.2));
    }
}
