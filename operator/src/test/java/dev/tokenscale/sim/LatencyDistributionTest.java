package dev.tokenscale.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

class LatencyDistributionTest {

    @Test
    void prometheusInterpolationOverEveryEnginesBucketsLandsOnTheTrueP99() {
        for (EmulatedEngine engine : EmulatedEngine.values()) {
            for (List<Double> bounds : List.of(engine.ttftBuckets(), engine.interTokenBuckets())) {
                double first = bounds.get(0);
                double last = bounds.get(bounds.size() - 1);
                for (double p99 = first; p99 <= last; p99 *= 1.037) {
                    LatencyDistribution distribution = LatencyDistribution.withP99(p99, bounds);

                    assertThat(histogramQuantile(0.99, bounds, distribution))
                            .as("%s P99 %.5f s", engine, p99)
                            .isCloseTo(p99, Percentage.withPercentage(0.01));
                    assertThat(distribution.quantile(0.99)).isCloseTo(p99, Percentage.withPercentage(0.01));
                }
            }
        }
    }

    @Test
    void exactlyOnePercentOfRequestsIsSlowerThanTheP99() {
        List<Double> bounds = EmulatedEngine.VLLM.ttftBuckets();
        for (double p99 : new double[] {0.0123, 0.26, 0.45, 0.5, 1.05, 3.0, 60.0}) {
            assertThat(1 - LatencyDistribution.withP99(p99, bounds).cdf(p99)).as("P99 %s", p99).isCloseTo(0.01, within(1e-9));
        }
    }

    @Test
    void aP99BelowTheFirstBucketReadsAsNinetyNinePercentOfItsBound() {
        List<Double> sglangTtft = EmulatedEngine.SGLANG.ttftBuckets();

        assertThat(histogramQuantile(0.99, sglangTtft, LatencyDistribution.withP99(0.05, sglangTtft)))
                .isCloseTo(0.099, within(1e-9));
    }

    @Test
    void aP99BeyondTheLastBucketReadsAsTheLastBoundLikePrometheusDoes() {
        List<Double> sglangTtft = EmulatedEngine.SGLANG.ttftBuckets();

        assertThat(histogramQuantile(0.99, sglangTtft, LatencyDistribution.withP99(500, sglangTtft))).isEqualTo(400.0);
    }

    @Test
    void theMeanLiesBelowTheP99() {
        LatencyDistribution distribution = LatencyDistribution.withP99(0.45, EmulatedEngine.VLLM.ttftBuckets());

        assertThat(distribution.meanSeconds()).isBetween(0.1, 0.45);
    }

    /** Prometheus' bucketQuantile for classic histograms: linear inside the bucket, the first from 0. */
    static double histogramQuantile(double q, List<Double> bounds, LatencyDistribution distribution) {
        double total = 1.0;
        double rank = q * total;
        double previousBound = 0;
        double previousCount = 0;
        for (double bound : bounds) {
            double count = distribution.cdf(bound);
            if (count >= rank) {
                return previousBound + (bound - previousBound) * (rank - previousCount) / (count - previousCount);
            }
            previousBound = bound;
            previousCount = count;
        }
        return bounds.get(bounds.size() - 1);
    }
}
