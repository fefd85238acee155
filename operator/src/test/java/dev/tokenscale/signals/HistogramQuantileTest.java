package dev.tokenscale.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenscale.signals.HistogramQuantile.Bucket;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistogramQuantileTest {

    private static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void interpolatesLinearlyInsideTheBucketThatHoldsTheRank() {
        // 100 observations: 50 up to 0.1, 40 more up to 0.5, 10 above. P90 is the top of the 0.5 bucket; P70 halfway in it.
        List<Bucket> buckets = List.of(new Bucket(0.5, 90), new Bucket(0.1, 50), new Bucket(INF, 100));

        assertThat(HistogramQuantile.of(0.7, buckets)).isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(HistogramQuantile.of(0.25, buckets)).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void aRankInTheInfiniteBucketIsTheHighestFiniteBound() {
        assertThat(HistogramQuantile.of(0.99, List.of(new Bucket(0.1, 50), new Bucket(0.5, 90), new Bucket(INF, 100)))).isEqualTo(0.5);
    }

    @Test
    void noObservationsNoInfiniteBucketOrOneBucketIsNaN() {
        assertThat(HistogramQuantile.of(0.99, List.of(new Bucket(0.1, 0), new Bucket(INF, 0)))).isNaN();
        assertThat(HistogramQuantile.of(0.99, List.of(new Bucket(0.1, 5), new Bucket(0.5, 9)))).isNaN();
        assertThat(HistogramQuantile.of(0.99, List.of(new Bucket(INF, 9)))).isNaN();
    }

    @Test
    void equalBoundsAreMergedAndFallingCountsMadeMonotonic() {
        List<Bucket> buckets = List.of(new Bucket(0.1, 20), new Bucket(0.1, 30), new Bucket(0.5, 40), new Bucket(1, 30),
                new Bucket(INF, 100));

        // Merged 0.1 holds 50, 0.5 and 1 hold 50 as well after the fix: P75 lies in (1, +Inf], so it is 1.
        assertThat(HistogramQuantile.of(0.75, buckets)).isEqualTo(1.0);
        assertThat(HistogramQuantile.of(0.25, buckets)).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void leLabelsAreReadAsGoReadsThem() {
        assertThat(HistogramQuantile.upperBound("+Inf")).hasValue(INF);
        assertThat(HistogramQuantile.upperBound("0.25")).hasValue(0.25);
        assertThat(HistogramQuantile.upperBound("1e-3")).hasValue(0.001);
        assertThat(HistogramQuantile.upperBound("5d")).isEmpty();
        assertThat(HistogramQuantile.upperBound(null)).isEmpty();
    }

    @Test
    void quantilesOutsideZeroToOneAreInfinite() {
        List<Bucket> buckets = List.of(new Bucket(0.1, 5), new Bucket(INF, 9));
        assertThat(HistogramQuantile.of(-0.1, buckets)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(HistogramQuantile.of(1.5, buckets)).isEqualTo(INF);
    }
}
