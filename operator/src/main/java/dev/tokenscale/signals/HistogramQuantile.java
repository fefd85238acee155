package dev.tokenscale.signals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * PromQL's {@code histogram_quantile} over classic buckets, as Prometheus computes it
 * ({@code bucketQuantile} in promql/quantile.go): buckets sorted by upper bound, equal bounds merged,
 * counts made monotonic, then linear interpolation inside the bucket that holds the rank. The batch
 * split needs it because a pool's buckets are summed over its pods in Java, after the one query that
 * asked for every pool's buckets by pod.
 */
final class HistogramQuantile {

    /** One classic bucket: its {@code le} bound and its cumulative count (or rate). */
    record Bucket(double upperBound, double count) {}

    private HistogramQuantile() {}

    static double of(double q, List<Bucket> buckets) {
        if (Double.isNaN(q)) {
            return Double.NaN;
        }
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        List<Bucket> sorted = new ArrayList<>(buckets);
        sorted.sort(Comparator.comparingDouble(Bucket::upperBound));
        if (sorted.isEmpty() || sorted.get(sorted.size() - 1).upperBound() != Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        List<Bucket> merged = monotonic(coalesced(sorted));
        if (merged.size() < 2) {
            return Double.NaN;
        }
        double observations = merged.get(merged.size() - 1).count();
        if (observations == 0) {
            return Double.NaN;
        }
        double rank = q * observations;
        int b = firstAtLeast(merged, rank);
        if (b == merged.size() - 1) {
            return merged.get(merged.size() - 2).upperBound();
        }
        if (b == 0 && merged.get(0).upperBound() <= 0) {
            return merged.get(0).upperBound();
        }
        double bucketStart = 0;
        double bucketEnd = merged.get(b).upperBound();
        double count = merged.get(b).count();
        if (b > 0) {
            bucketStart = merged.get(b - 1).upperBound();
            count -= merged.get(b - 1).count();
            rank -= merged.get(b - 1).count();
        }
        return bucketStart + (bucketEnd - bucketStart) * (rank / count);
    }

    /**
     * An {@code le} label's bound as Go's {@code strconv.ParseFloat} reads it; empty for a label
     * Prometheus would skip (its series then counts in no bucket).
     */
    static OptionalDouble upperBound(String le) {
        if (le == null) {
            return OptionalDouble.empty();
        }
        String lower = le.toLowerCase(Locale.ROOT);
        String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
        boolean negative = lower.startsWith("-");
        if (unsigned.equals("inf") || unsigned.equals("infinity")) {
            return OptionalDouble.of(negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        }
        if (unsigned.equals("nan")) {
            return OptionalDouble.of(Double.NaN);
        }
        if (!unsigned.matches("(\\d+(\\.\\d*)?|\\.\\d+)(e[-+]?\\d+)?")) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Double.parseDouble(lower));
    }

    /** Sort.Search over all but the last bucket: the first whose count reaches the rank, or size-1. */
    private static int firstAtLeast(List<Bucket> buckets, double rank) {
        int low = 0;
        int high = buckets.size() - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (buckets.get(middle).count() >= rank) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }

    private static List<Bucket> coalesced(List<Bucket> sorted) {
        List<Bucket> out = new ArrayList<>(sorted.size());
        Bucket last = sorted.get(0);
        for (Bucket bucket : sorted.subList(1, sorted.size())) {
            if (bucket.upperBound() == last.upperBound()) {
                last = new Bucket(last.upperBound(), last.count() + bucket.count());
            } else {
                out.add(last);
                last = bucket;
            }
        }
        out.add(last);
        return out;
    }

    private static List<Bucket> monotonic(List<Bucket> buckets) {
        List<Bucket> out = new ArrayList<>(buckets.size());
        double max = Double.NEGATIVE_INFINITY;
        for (Bucket bucket : buckets) {
            // As Prometheus' ensureMonotonic: a NaN count is neither above nor below, so it stays.
            if (bucket.count() > max) {
                max = bucket.count();
                out.add(bucket);
            } else if (bucket.count() < max) {
                out.add(new Bucket(bucket.upperBound(), max));
            } else {
                out.add(bucket);
            }
        }
        return out;
    }
}
