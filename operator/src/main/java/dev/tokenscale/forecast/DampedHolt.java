package dev.tokenscale.forecast;

/**
 * Holt's linear exponential smoothing with a damped trend (Gardner and McKenzie): a level and a
 * trend, each updated as a weighted mean of the new evidence and the old estimate. Damping
 * (φ &lt; 1) bends the extrapolated trend flat over long horizons, so a ramp seen for an hour is not
 * projected for a day. Bounded: two numbers. Not thread-safe.
 */
final class DampedHolt {

    private final double alpha;
    private final double beta;
    private final double phi;
    private double level;
    private double trend;
    private boolean started;

    /**
     * @param alpha weight of a new value in the level, 0..1
     * @param beta weight of a new level change in the trend, 0..1
     * @param phi damping of the trend per step, 0..1
     */
    DampedHolt(double alpha, double beta, double phi) {
        this.alpha = alpha;
        this.beta = beta;
        this.phi = phi;
    }

    boolean started() {
        return started;
    }

    void update(double value) {
        if (!started) {
            level = value;
            trend = 0;
            started = true;
            return;
        }
        double previous = level;
        level = alpha * value + (1 - alpha) * (previous + phi * trend);
        trend = beta * (level - previous) + (1 - beta) * phi * trend;
    }

    /** The value {@code steps} steps after the last update: level + trend × (φ + φ² + … + φ^steps). */
    double forecast(int steps) {
        double damped = phi == 1 ? steps : phi * (1 - Math.pow(phi, steps)) / (1 - phi);
        return level + trend * damped;
    }
}
