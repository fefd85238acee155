package dev.tokenscale.forecast;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Forecasts a pool's demand (requests per second) a few minutes ahead from its own history, so
 * replicas can be ordered one cold start before the load arrives. Plain maths, fed a series of
 * (time, demand); it reads nothing itself.
 *
 * <p><b>Buckets.</b> Observations are averaged into 5-minute buckets, the step at which history is
 * read from Prometheus. Only completed buckets feed the models. A missing or negative value is
 * skipped, never taken as zero.
 *
 * <p><b>Models</b>, all updated at every completed bucket:
 * <ul>
 *   <li><i>profile</i>: S(t), for each of the last 3 days (daily) or 2 weeks (weekly) where history
 *       has them, the median of the same bucket and its two neighbours either side, then the mean of
 *       those medians: most of one bucket's noise is taken out of the shape, and a step stays where it
 *       was; or, while it has predicted better, the same buckets' own mean, which keeps a pattern
 *       that repeats exactly from bucket to bucket. Times a level ratio L, the median of demand ÷ S over the last two hours' buckets (kept
 *       within [0.2, 5]), so a Saturday at 60% of Friday is forecast at 60%. Plus, while it predicts
 *       better than the profile without it by 15%, a damped Holt trend of what remains, demand − L × S:
 *       a change against yesterday within the day is followed in minutes, and noise around the
 *       profile is not followed at all. Expected at t: L × S(t) (+ residual trend).</li>
 *   <li><i>trend</i>: a damped Holt trend of the demand itself (α 0.4, β 0.1, φ 0.95 per bucket);</li>
 *   <li><i>level</i>: the demand exponentially smoothed (α 0.2), forecast flat.</li>
 * </ul>
 * The profile needs a day of history (14 days for weekly, daily until then). Every model's
 * one-bucket-ahead errors are kept, and the forecast comes from the one with the smallest mean
 * absolute error, weighted towards the last two hours (absolute, so one wild bucket does not hand
 * the night to a model that cannot see the morning ramp); the profile, once it exists, keeps its place
 * unless another model beats it by more than 1% of demand. So white noise, which
 * neither yesterday nor a trend explains, gets a flat forecast near its mean with a wide band,
 * instead of yesterday's noise replayed as a shape or a trend invented from the last few values.
 *
 * <p><b>Band.</b> upper = expected + the confidence quantile of the used model's one-bucket-ahead
 * errors over the last day: the larger of their own quantile and the quantile of the errors relative
 * to what was forecast times the expected demand, so noise that grows with the load widens the band at
 * the peak. A quantile rather than z × a root mean square, so a one-off spike (a flash crowd no
 * history announced) does not widen the band for the next day; for Gaussian errors both are the
 * same. The spread reported is the band's width over z (1.28 at 0.9), a standard deviation's worth.
 * {@link #forecastWholeWindow} widens it so the demand stays under it in every bucket of the window
 * at once with the confidence.
 *
 * <p><b>Self-check.</b> {@link #errorPercent()}: Σ|error| ÷ Σ demand × 100 over the last day's
 * one-bucket-ahead forecasts of the model in use, a mean absolute percent error weighted by demand.
 *
 * <p><b>Memory</b> is bounded per pool: 4 days of buckets for daily (1,152 doubles, 9 KB), 15 days
 * for weekly (4,320 doubles, 35 KB), plus six windows of a day's errors and demands as floats
 * (3,456 floats, 14 KB): at most 49 KB whatever the pool feeds it. Not thread-safe: one instance per pool.
 */
public final class DemandForecaster {

    public static final Duration BUCKET = Duration.ofMinutes(5);
    public static final double DEFAULT_CONFIDENCE = 0.9;

    static final double ALPHA = 0.4;
    static final double BETA = 0.1;
    static final double PHI = 0.95;
    static final double LEVEL_ALPHA = 0.2;
    private static final long DAY_SECONDS = 86_400;
    /** Two hours of buckets: the level's median over fewer carries a noisy bucket's share into every forecast. */
    private static final int LEVEL_BUCKETS = 24;
    private static final double MIN_LEVEL_RATIO = 0.2;
    private static final double MAX_LEVEL_RATIO = 5;
    /** An hour of errors before one model's record can outvote the other's. */
    private static final int ERRORS_TO_COMPARE = 12;
    private static final double PROFILE_MARGIN = 0.01;
    /**
     * The residual trend is followed only while it beats the plain profile by this share of the
     * profile's error: on noise the two trade places by chance every few hours, and each stint of the
     * trend adds its own wobble to the forecast; a real change against yesterday wins by far more.
     */
    static final double RESIDUAL_MARGIN = 0.15;
    /** A whole-window band widens no further than for a day of buckets' window. */
    private static final long MAX_WINDOW_BUCKETS = 288;
    /** Buckets either side of the same time that the profile takes the median with. */
    static final int PROFILE_NEIGHBOURS = 2;

    private final Seasonality seasonality;
    private final double confidence;
    private final double z;
    private final long bucketSeconds;
    private final int bucketsPerDay;
    private final double[] values;
    private final double[] neighbourhood = new double[2 * PROFILE_NEIGHBOURS + 1];
    private long firstBucket = Long.MIN_VALUE;
    private long lastCompleted = Long.MIN_VALUE;
    private long currentBucket = Long.MIN_VALUE;
    private double currentSum;
    private int currentCount;

    private final DampedHolt trend = new DampedHolt(ALPHA, BETA, PHI);
    private final DampedHolt residual = new DampedHolt(ALPHA, BETA, PHI);
    private final DampedHolt level = new DampedHolt(LEVEL_ALPHA, 0, 0);
    private double levelRatio = 1;
    /** L × S with S the neighbourhood median's, and with S the same buckets' own mean. */
    private final ErrorWindow smoothedErrors;
    private final ErrorWindow rawErrors;
    private final ErrorWindow profileTrendErrors;
    private final ErrorWindow trendErrors;
    private final ErrorWindow levelErrors;
    private final ErrorWindow usedErrors;

    /**
     * @param seasonality {@link Seasonality#DAILY} by default; weekly applies only with 14 days of history
     * @param confidence the one-sided probability the upper band covers, between 0.5 and 1 exclusive
     */
    public DemandForecaster(Seasonality seasonality, double confidence) {
        this(seasonality, confidence, BUCKET);
    }

    DemandForecaster(Seasonality seasonality, double confidence, Duration bucket) {
        if (!(confidence >= 0.5 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be at least 0.5 and below 1, got " + confidence);
        }
        this.seasonality = seasonality;
        this.confidence = confidence;
        this.z = NormalQuantile.of(confidence);
        this.bucketSeconds = bucket.toSeconds();
        this.bucketsPerDay = Math.toIntExact(DAY_SECONDS / bucketSeconds);
        int keptDays = seasonality == Seasonality.WEEKLY ? 15 : 4;
        this.values = new double[keptDays * bucketsPerDay];
        Arrays.fill(values, Double.NaN);
        this.smoothedErrors = new ErrorWindow(bucketsPerDay);
        this.rawErrors = new ErrorWindow(bucketsPerDay);
        this.profileTrendErrors = new ErrorWindow(bucketsPerDay);
        this.trendErrors = new ErrorWindow(bucketsPerDay);
        this.levelErrors = new ErrorWindow(bucketsPerDay);
        this.usedErrors = new ErrorWindow(bucketsPerDay);
    }

    /** Adds what the pool's demand was at {@code time}. Out-of-order, negative or non-finite values are skipped. */
    public void observe(Instant time, double demand) {
        if (!(demand >= 0) || Double.isInfinite(demand)) {
            return;
        }
        long bucket = Math.floorDiv(time.getEpochSecond(), bucketSeconds);
        if (bucket < currentBucket) {
            return;
        }
        if (bucket > currentBucket) {
            if (currentCount > 0) {
                complete(currentBucket, currentSum / currentCount);
            }
            currentBucket = bucket;
            currentSum = 0;
            currentCount = 0;
        }
        currentSum += demand;
        currentCount++;
    }

    /** Days between the first and the last completed bucket. */
    public double historyDays() {
        if (lastCompleted == Long.MIN_VALUE) {
            return 0;
        }
        return (double) (lastCompleted - firstBucket + 1) * bucketSeconds / DAY_SECONDS;
    }

    /** The source the next forecast will come from. */
    public ForecastSource source() {
        if (lastCompleted == Long.MIN_VALUE) {
            return ForecastSource.NONE;
        }
        boolean levelBeatsTrend = levelErrors.count() >= ERRORS_TO_COMPARE && levelErrors.recentMae() < trendErrors.recentMae();
        ForecastSource recent = levelBeatsTrend ? ForecastSource.LEVEL : ForecastSource.TREND;
        Seasonality profile = activeSeasonality();
        if (profile == Seasonality.NONE) {
            return recent;
        }
        // The profile stays unless another model does better by more than 1% of demand: on a smooth
        // day both are near perfect, and the profile is the one that knows the ramp ahead.
        double margin = PROFILE_MARGIN * Math.max(0, level.forecast(1));
        ErrorWindow profileRecord = residualHelps() ? profileTrendErrors : plainErrors();
        if (profileRecord.count() >= ERRORS_TO_COMPARE && profileRecord.recentMae() > errorsOf(recent).recentMae() + margin) {
            return recent;
        }
        return profile == Seasonality.WEEKLY ? ForecastSource.WEEKLY : ForecastSource.DAILY;
    }

    /**
     * The expected and upper-band demand over the buckets from {@code now} to {@code now + horizon};
     * empty before the first completed bucket. Each bucket's demand stays under its band with the
     * confidence: what to order replicas for.
     */
    public Optional<ForecastRange> forecast(Instant now, Duration horizon) {
        return forecast(now, horizon, false);
    }

    /**
     * As {@link #forecast}, with a band the demand stays under in every bucket of the window at once
     * with the confidence: what not to give back. k buckets each under a band of probability
     * 1 − (1 − c) / k are all under it with probability at least c (the union bound); the band's
     * width is scaled from the confidence's to that probability's as a normal distribution's
     * quantiles are (1.43 × for three buckets at 0.9), so the same day's errors set it. A scale-down
     * is a bet on every bucket until the replica could be back: at the per-bucket confidence one
     * in ten of them is lost, each an SLO breach for a cold start.
     */
    public Optional<ForecastRange> forecastWholeWindow(Instant now, Duration horizon) {
        return forecast(now, horizon, true);
    }

    private Optional<ForecastRange> forecast(Instant now, Duration horizon, boolean wholeWindow) {
        ForecastSource source = source();
        if (source == ForecastSource.NONE) {
            return Optional.empty();
        }
        long from = Math.max(Math.floorDiv(now.getEpochSecond(), bucketSeconds), lastCompleted + 1);
        long to = Math.max(from, Math.floorDiv(now.plus(horizon).getEpochSecond(), bucketSeconds));
        double maxExpected = 0;
        for (long bucket = from; bucket <= to; bucket++) {
            maxExpected = Math.max(maxExpected, expected(bucket, source));
        }
        double spread = spread(source, maxExpected);
        double width = z * spread;
        if (wholeWindow && to > from) {
            long buckets = Math.min(to - from + 1, MAX_WINDOW_BUCKETS);
            width *= NormalQuantile.of(1 - (1 - confidence) / buckets) / z;
        }
        return Optional.of(new ForecastRange(maxExpected, maxExpected + width, spread, source));
    }

    /** The weighted mean absolute percent error of the last day's one-bucket-ahead forecasts; empty before an hour of them. */
    public OptionalDouble errorPercent() {
        if (usedErrors.count() < ERRORS_TO_COMPARE) {
            return OptionalDouble.empty();
        }
        double percent = usedErrors.weightedPercent();
        return Double.isNaN(percent) ? OptionalDouble.empty() : OptionalDouble.of(percent);
    }

    private void complete(long bucket, double value) {
        if (firstBucket == Long.MIN_VALUE) {
            firstBucket = bucket;
        }
        ForecastSource used = source();
        double profilePrediction = profilePrediction(bucket);
        double plainPrediction = plainProfilePrediction(bucket);
        if (!Double.isNaN(plainPrediction)) {
            double smoothed = levelRatio * profile(bucket, true);
            double raw = levelRatio * profile(bucket, false);
            smoothedErrors.add(value - smoothed, value);
            rawErrors.add(value - raw, value);
            profileTrendErrors.add(value - (plainPrediction + (residual.started() ? residual.forecast(1) : 0)), value);
        }
        if (trend.started()) {
            trendErrors.add(value - trend.forecast(1), value);
            levelErrors.add(value - level.forecast(1), value);
        }
        double usedPrediction = switch (used) {
            case DAILY, WEEKLY -> profilePrediction;
            case TREND -> trend.started() ? trend.forecast(1) : Double.NaN;
            case LEVEL -> level.forecast(1);
            case NONE -> Double.NaN;
        };
        if (!Double.isNaN(usedPrediction)) {
            usedErrors.add(value - Math.max(0, usedPrediction), value);
        }

        for (long gap = Math.max(lastCompleted + 1, bucket - values.length + 1); gap < bucket; gap++) {
            values[slot(gap)] = Double.NaN;
        }
        values[slot(bucket)] = value;
        lastCompleted = bucket;
        trend.update(value);
        level.update(value);
        updateLevelRatio();
        double profile = profile(bucket);
        if (!Double.isNaN(profile)) {
            residual.update(value - levelRatio * profile);
        }
    }

    /** What the profile model would have said for {@code bucket} one bucket ahead; NaN without a profile there. */
    private double profilePrediction(long bucket) {
        double plain = plainProfilePrediction(bucket);
        return Double.isNaN(plain) ? plain : plain + residualForecast(1);
    }

    /** L × S(bucket), without the residual trend; NaN without a profile there. */
    private double plainProfilePrediction(long bucket) {
        double profile = profile(bucket);
        if (Double.isNaN(profile) || activeSeasonality() == Seasonality.NONE) {
            return Double.NaN;
        }
        return levelRatio * profile;
    }

    /**
     * The residual trend {@code steps} ahead, while it has predicted better than the profile without
     * it; 0 otherwise. Random noise around the profile is no trend: following it with α 0.4 would add
     * half its spread to every forecast. A real change against yesterday (a step mid-day) is.
     */
    private double residualForecast(int steps) {
        return residualHelps() ? residual.forecast(steps) : 0;
    }

    private boolean residualHelps() {
        return residual.started() && profileTrendErrors.count() >= ERRORS_TO_COMPARE
                && profileTrendErrors.recentMae() < (1 - RESIDUAL_MARGIN) * plainErrors().recentMae();
    }

    /**
     * Whether the profile is the neighbourhood median's rather than the same buckets' own mean: the
     * one that has predicted better recently, the median on a tie. Noise is smoothed away by the
     * median; a pattern that repeats exactly from bucket to bucket (a scrape cycle, a cron job every
     * twenty minutes) is kept by the raw buckets and flattened by the median.
     */
    private boolean smoothed() {
        return rawErrors.count() < ERRORS_TO_COMPARE || smoothedErrors.recentMae() <= rawErrors.recentMae();
    }

    private ErrorWindow plainErrors() {
        return smoothed() ? smoothedErrors : rawErrors;
    }

    private double expected(long bucket, ForecastSource source) {
        int steps = Math.toIntExact(Math.max(1, bucket - lastCompleted));
        if (source == ForecastSource.DAILY || source == ForecastSource.WEEKLY) {
            double profile = profile(bucket);
            if (!Double.isNaN(profile)) {
                return Math.max(0, levelRatio * profile + residualForecast(steps));
            }
        }
        if (source == ForecastSource.LEVEL) {
            return Math.max(0, level.forecast(steps));
        }
        return Math.max(0, trend.forecast(steps));
    }

    /**
     * The spread at {@code demand}, in standard deviations' terms: the confidence quantile of the
     * errors ({@link ErrorWindow#upperQuantile}) divided by z, so upper = expected + z × spread is
     * that quantile. For Gaussian errors it is their standard deviation; a one-off flash crowd in the
     * day's errors leaves it where the other buckets put it.
     */
    private double spread(ForecastSource source, double demand) {
        ErrorWindow errors = errorsOf(source);
        if (errors.count() < ERRORS_TO_COMPARE) {
            errors = trendErrors;
        }
        double quantile = errors.upperQuantile(confidence, demand);
        return Double.isNaN(quantile) ? 0 : quantile / z;
    }

    private ErrorWindow errorsOf(ForecastSource source) {
        return switch (source) {
            case DAILY, WEEKLY -> residualHelps() ? profileTrendErrors : plainErrors();
            case LEVEL -> levelErrors;
            case TREND, NONE -> trendErrors;
        };
    }

    private Seasonality activeSeasonality() {
        double days = historyDays();
        if (seasonality == Seasonality.WEEKLY && days >= Seasonality.WEEKLY.daysNeeded()) {
            return Seasonality.WEEKLY;
        }
        if (seasonality != Seasonality.NONE && days >= Seasonality.DAILY.daysNeeded()) {
            return Seasonality.DAILY;
        }
        return Seasonality.NONE;
    }

    /**
     * S(bucket): for each of the last periods kept, the median of the same bucket and its two
     * neighbours either side (a 25-minute window), then the mean of those medians; NaN without any.
     * The median of five takes most of one bucket's noise out of the shape (its variance to about a
     * third) and, unlike a mean of neighbours, keeps a step where it was: a load that rises at 10:00
     * every day is forecast to rise at 10:00, not smeared over 09:50 to 10:10.
     */
    private double profile(long bucket) {
        return profile(bucket, smoothed());
    }

    /** S(bucket) from the neighbourhood medians ({@code smoothed}) or from the same buckets alone. */
    private double profile(long bucket, boolean smoothed) {
        Seasonality active = activeSeasonality();
        if (active == Seasonality.NONE) {
            return Double.NaN;
        }
        long period = active.periodSeconds() / bucketSeconds;
        double sum = 0;
        int found = 0;
        for (int k = 1; k <= active.periodsAveraged(); k++) {
            double past = smoothed ? neighbourhoodMedian(bucket - k * period) : valueAt(bucket - k * period);
            if (!Double.isNaN(past)) {
                sum += past;
                found++;
            }
        }
        return found == 0 ? Double.NaN : sum / found;
    }

    /**
     * The median of {@code center} and its neighbours up to {@value #PROFILE_NEIGHBOURS} either side,
     * taken in pairs: a pair joins only when both of its buckets are kept, and a missing pair ends the
     * window. At the edge of the history a one-sided window would move a step (20, 120, 120 around a
     * 20 has the median 120); a symmetric one keeps it where it was. NaN without any.
     */
    private double neighbourhoodMedian(long center) {
        int n = 0;
        double middle = valueAt(center);
        if (!Double.isNaN(middle)) {
            neighbourhood[n++] = middle;
        }
        for (int offset = 1; offset <= PROFILE_NEIGHBOURS; offset++) {
            double before = valueAt(center - offset);
            double after = valueAt(center + offset);
            if (Double.isNaN(before) || Double.isNaN(after)) {
                break;
            }
            neighbourhood[n++] = before;
            neighbourhood[n++] = after;
        }
        if (n == 0) {
            return Double.NaN;
        }
        Arrays.sort(neighbourhood, 0, n);
        return n % 2 == 1 ? neighbourhood[n / 2] : (neighbourhood[n / 2 - 1] + neighbourhood[n / 2]) / 2;
    }

    private void updateLevelRatio() {
        double[] ratios = new double[LEVEL_BUCKETS];
        int found = 0;
        for (long bucket = lastCompleted - LEVEL_BUCKETS + 1; bucket <= lastCompleted; bucket++) {
            double value = valueAt(bucket);
            double expected = profile(bucket);
            // Near-zero profiles (a quiet night at 0 rps) say nothing about the level; the residual trend covers them.
            if (!Double.isNaN(value) && expected > 1e-6) {
                ratios[found++] = value / expected;
            }
        }
        if (found == 0) {
            levelRatio = 1;
            return;
        }
        // The median, so a flash crowd that filled a third of the hour does not scale the hour after it.
        Arrays.sort(ratios, 0, found);
        double median = found % 2 == 1 ? ratios[found / 2] : (ratios[found / 2 - 1] + ratios[found / 2]) / 2;
        levelRatio = Math.max(MIN_LEVEL_RATIO, Math.min(MAX_LEVEL_RATIO, median));
    }

    private double valueAt(long bucket) {
        if (lastCompleted == Long.MIN_VALUE || bucket > lastCompleted || bucket <= lastCompleted - values.length
                || bucket < firstBucket) {
            return Double.NaN;
        }
        return values[slot(bucket)];
    }

    private int slot(long bucket) {
        return (int) Math.floorMod(bucket, (long) values.length);
    }
}
