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

    ErrorWindow(int capacity) {
        errors = new double[capacity];
        actuals = new double[capacity];
    }

    void add(double error, double actual) {
        errors[next] = error;
        actuals[next] = actual;
        next = (next + 1) % errors.length;
        count = Math.min(count + 1, errors.length);
    }

    int count() {
        return count;
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
