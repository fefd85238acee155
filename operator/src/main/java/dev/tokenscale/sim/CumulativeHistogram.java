package dev.tokenscale.sim;

import java.util.List;

/**
 * A Prometheus classic histogram that grows by expected counts: observing n requests of a distribution
 * adds n × CDF(bound) to each cumulative bucket. Counts are kept unrounded (Prometheus stores every
 * sample as a float), because rounding to whole requests would shift the 1% tail by a request or two
 * per scrape, which at test-sized windows moves {@code histogram_quantile} by more than the bucket
 * interpolation it is meant to check.
 */
final class CumulativeHistogram {

    private final List<Double> bounds;
    private final double[] cumulative;
    private double count;
    private double sum;

    CumulativeHistogram(List<Double> bounds) {
        this.bounds = List.copyOf(bounds);
        this.cumulative = new double[bounds.size()];
    }

    void observe(double observations, LatencyDistribution distribution) {
        if (observations <= 0) {
            return;
        }
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] += observations * distribution.cdf(bounds.get(i));
        }
        count += observations;
        sum += observations * distribution.meanSeconds();
    }

    List<Double> bounds() {
        return bounds;
    }

    /** Observations at or below {@code bounds().get(i)}. */
    double cumulativeCount(int i) {
        return cumulative[i];
    }

    double count() {
        return count;
    }

    double sum() {
        return sum;
    }
}
