package dev.tokenscale.forecast;

/**
 * The last {@code capacity} forecast errors and the demand each was made for, oldest overwritten
 * first: what the root mean square spread and the error percent are computed from. Bounded.
 */
final class ErrorWindow {

    private final double[] errors;
    private final double[] actuals;
    private int count;
    private int next;
    private double recentSquared = Double.NaN;

    /** Weight of the newest squared error in {@link #recentRms()}: a time constant of 24 errors, two hours of buckets. */
    static final double RECENT_WEIGHT = 1.0 / 24;

    ErrorWindow(int capacity) {
        errors = new double[capacity];
        actuals = new double[capacity];
    }

    void add(double error, double actual) {
        recentSquared = Double.isNaN(recentSquared) ? error * error
                : RECENT_WEIGHT * error * error + (1 - RECENT_WEIGHT) * recentSquared;
        errors[next] = error;
        actuals[next] = actual;
        next = (next + 1) % errors.length;
        count = Math.min(count + 1, errors.length);
    }

    int count() {
        return count;
    }

    /**
     * Root mean square of the errors weighted towards the recent ones, for choosing between models:
     * one bad hour (a level change at midnight) stops counting against a model within a few hours
     * rather than a day. NaN before the first error.
     */
    double recentRms() {
        return Math.sqrt(recentSquared);
    }

    /** Root mean square of the errors; NaN when there is none. */
    double rms() {
        if (count == 0) {
            return Double.NaN;
        }
        double squares = 0;
        for (int i = 0; i < count; i++) {
            squares += errors[i] * errors[i];
        }
        return Math.sqrt(squares / count);
    }

    /**
     * √(Σ error² ÷ Σ demand²): the errors' root mean square as a share of the demand's, so a band
     * built from it scales with the demand, as multiplicative noise does: a quiet night's small
     * errors do not narrow the band at the peak. NaN when there is no demand in the window.
     */
    double relativeRms() {
        double squares = 0;
        double demand = 0;
        for (int i = 0; i < count; i++) {
            squares += errors[i] * errors[i];
            demand += actuals[i] * actuals[i];
        }
        return demand > 0 ? Math.sqrt(squares / demand) : Double.NaN;
    }

    /**
     * Σ|error| ÷ Σ demand × 100: the mean absolute percent error weighted by demand, so quiet night
     * buckets near zero rps cannot blow the figure up. NaN when there is no demand in the window.
     */
    double weightedPercent() {
        double absolute = 0;
        double demand = 0;
        for (int i = 0; i < count; i++) {
            absolute += Math.abs(errors[i]);
            demand += Math.abs(actuals[i]);
        }
        return demand > 0 ? absolute / demand * 100 : Double.NaN;
    }
}
