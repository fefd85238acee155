package dev.tokenscale.sim;

import java.util.List;

/**
 * A latency distribution with a given P99, shaped so that Prometheus' {@code histogram_quantile(0.99,
 * ...)} over the engine's buckets returns exactly that P99.
 *
 * <p>{@code histogram_quantile} finds the bucket {@code (lo, hi]} that holds the 99th percentile and
 * interpolates linearly inside it, i.e. it assumes latencies are spread evenly within the bucket. So
 * the distribution is built from uniform pieces whose ends are bucket bounds: with {@code f} the
 * P99's position inside {@code (lo, hi]}, a mass {@code m} lies evenly in {@code (lo, hi]} with
 * {@code 0.99 − f·m} below {@code lo} (evenly on {@code [lo/2, lo]}) and the rest evenly in the next
 * bucket. Interpolation then lands on {@code lo + f·(hi − lo)}, the true P99, whatever the bucket
 * widths. {@code m} is as large as the 1% tail allows (at most half), because the more requests the
 * P99's bucket holds, the less any rounding in Prometheus' rate() moves the estimate.
 *
 * <p>Two limits of classic histograms remain: a P99 below 99% of the first bucket's bound reads as
 * 0.99 × that bound (Prometheus interpolates the first bucket from 0), and one above the last finite
 * bound reads as that bound.
 */
final class LatencyDistribution {

    private static final double Q = 0.99;

    /** Uniform pieces: start, end, mass. */
    private final double[][] pieces;

    private LatencyDistribution(double[][] pieces) {
        this.pieces = pieces;
    }

    /**
     * @param p99Seconds the true P99, > 0
     * @param bounds the histogram's finite upper bounds, ascending
     */
    static LatencyDistribution withP99(double p99Seconds, List<Double> bounds) {
        if (!(p99Seconds > 0) || Double.isInfinite(p99Seconds)) {
            throw new IllegalArgumentException("P99 must be a positive number of seconds, got " + p99Seconds);
        }
        int i = 0;
        while (i < bounds.size() && bounds.get(i) < p99Seconds) {
            i++;
        }
        if (i == bounds.size()) {
            return new LatencyDistribution(new double[][] {
                {p99Seconds / 2, p99Seconds, Q}, {p99Seconds, p99Seconds * 1.5, 1 - Q}});
        }
        double hi = bounds.get(i);
        double lo = i == 0 ? 0 : bounds.get(i - 1);
        double f = (p99Seconds - lo) / (hi - lo);
        if (i == 0) {
            double inFirst = Math.min(1, Q / f);
            double next = bounds.size() > 1 ? bounds.get(1) : hi * 2;
            return new LatencyDistribution(new double[][] {{0, hi, inFirst}, {hi, next, 1 - inFirst}});
        }
        double m = 0.5;
        m = Math.min(m, Q / f);
        if (f < 1) {
            m = Math.min(m, (1 - Q) / (1 - f));
        }
        double below = Q - f * m;
        double above = 1 - below - m;
        double next = i + 1 < bounds.size() ? bounds.get(i + 1) : hi * 2;
        return new LatencyDistribution(new double[][] {{lo / 2, lo, below}, {lo, hi, m}, {hi, next, above}});
    }

    /** The fraction of requests at or below {@code seconds}. */
    double cdf(double seconds) {
        double total = 0;
        for (double[] piece : pieces) {
            double start = piece[0];
            double end = piece[1];
            if (seconds >= end) {
                total += piece[2];
            } else if (seconds > start) {
                total += piece[2] * (seconds - start) / (end - start);
            }
        }
        return Math.min(1, total);
    }

    double meanSeconds() {
        double mean = 0;
        for (double[] piece : pieces) {
            mean += piece[2] * (piece[0] + piece[1]) / 2;
        }
        return mean;
    }

    /** The exact quantile of this distribution, for tests. */
    double quantile(double q) {
        double seen = 0;
        for (double[] piece : pieces) {
            if (piece[2] > 0 && seen + piece[2] >= q) {
                return piece[0] + (piece[1] - piece[0]) * (q - seen) / piece[2];
            }
            seen += piece[2];
        }
        return pieces[pieces.length - 1][1];
    }
}
