package dev.tokenscale.forecast;

/**
 * The last {@code capacity} forecast errors and the demand each was made for, oldest overwritten
 * first: what the band, the model choice and the error percent are computed from. Bounded.
 */
final class ErrorWindow {

    /** Floats: seven digits are plenty for a rate's error, and a day of them is 2.3 KB per window instead of 4.6. */
    private final float[] errors;
    private final float[] actuals;
    private int count;
    private int next;
    private double recentAbsolute;
    private double recentWeight;
    /** {@link #upperQuantile}'s quantiles, valid until the next {@link #add}: forecasts outnumber completed buckets. */
    private double cachedProbability = Double.NaN;
    private double cachedAbsolute;
    private double cachedRelative;
    /** {@link #weightedPercent}'s answer, NaN until computed after the latest {@link #add}. */
    private double cachedPercent = Double.NaN;

    /** Weight of the newest error in {@link #recentMae()}: a time constant of 24 errors, two hours of buckets. */
    static final double RECENT_WEIGHT = 1.0 / 24;

    ErrorWindow(int capacity) {
        errors = new float[capacity];
        actuals = new float[capacity];
    }

    void add(double error, double actual) {
        cachedProbability = Double.NaN;
        cachedPercent = Double.NaN;
        recentAbsolute = RECENT_WEIGHT * Math.abs(error) + (1 - RECENT_WEIGHT) * recentAbsolute;
        recentWeight = RECENT_WEIGHT + (1 - RECENT_WEIGHT) * recentWeight;
        errors[next] = (float) error;
        actuals[next] = (float) actual;
        next = (next + 1) % errors.length;
        count = Math.min(count + 1, errors.length);
    }

    int count() {
        return count;
    }

    /**
     * Mean absolute error weighted towards the recent ones, for choosing between models: one bad
     * hour (a level change at midnight) stops counting against a model within a few hours rather
     * than a day. Absolute, not squared, so a single wild error (a bucket that straddled a restart,
     * a flash crowd) weighs by its size and not its square, and does not hand the choice to a model
     * that cannot see the day's ramps for half a night. Divided by the weights given so far, so the
     * first errors are a plain mean rather than the first error standing for all before it. NaN
     * before the first error.
     */
    double recentMae() {
        return recentWeight > 0 ? recentAbsolute / recentWeight : Double.NaN;
    }

    /**
     * Σ|error| ÷ Σ demand × 100: the mean absolute percent error weighted by demand, so quiet night
     * buckets near zero rps cannot blow the figure up. NaN when there is no demand in the window.
     */
    double weightedPercent() {
        if (!Double.isNaN(cachedPercent)) {
            return cachedPercent;
        }
        double absolute = 0;
        double demand = 0;
        for (int i = 0; i < count; i++) {
            absolute += Math.abs(errors[i]);
            demand += Math.abs(actuals[i]);
        }
        cachedPercent = demand > 0 ? absolute / demand * 100 : Double.NaN;
        return cachedPercent;
    }

    /**
     * The {@code probability} quantile of the errors at {@code demand}: the larger of the errors'
     * own quantile and the quantile of the errors relative to their demand times {@code demand}, as
     * {@link #rms()} and {@link #relativeRms()} are combined; 0 when no error is positive enough.
     * A quantile, not a root mean square, so a few huge errors (a flash crowd that no forecast could
     * see) do not widen the band for a day: at 0.9 it takes 10% of the day's buckets to move it.
     * NaN when there is no error.
     */
    double upperQuantile(double probability, double demand) {
        if (count == 0) {
            return Double.NaN;
        }
        if (probability != cachedProbability) {
            double[] absolute = new double[count];
            double[] relative = new double[count];
            int relatives = 0;
            for (int i = 0; i < count; i++) {
                absolute[i] = errors[i];
                // Relative to what was forecast, as the band is applied: relative to the demand
                // itself, a high bucket's error is divided by its own excess and the band comes out
                // narrower than the noise (5% noise gave a 4.5% band). At most 100%, so a quiet
                // night's 0.2 rps forecast that saw 2 rps does not set the peak's band at ten times.
                double forecast = actuals[i] - errors[i];
                if (forecast > 0) {
                    relative[relatives++] = Math.min(1, errors[i] / forecast);
                }
            }
            cachedAbsolute = quantile(absolute, count, probability);
            cachedRelative = relatives > 0 ? quantile(relative, relatives, probability) : 0;
            cachedProbability = probability;
        }
        return Math.max(0, Math.max(cachedAbsolute, cachedRelative * demand));
    }

    /** The {@code probability} quantile of the first {@code n} values, interpolated between ranks; sorts them. */
    static double quantile(double[] values, int n, double probability) {
        java.util.Arrays.sort(values, 0, n);
        double rank = probability * (n - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, n - 1);
        return values[below] + (values[above] - values[below]) * (rank - below);
    }
}
