package dev.tokenscale.cli.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Map.Entry;
import java.util.TreeMap;

/**
 * The figures of one interval, from the readings at its start and end.
 *
 * @param evaluated pools with an evaluation inside the interval
 * @param late pools whose latest evaluation is more than one and a half intervals old at its end
 * @param reconciles evaluations counted by the reconcile histogram, repeats included
 * @param p50Ms reconcile latency, interpolated in the histogram's buckets as histogram_quantile does; NaN without reconciles
 * @param apiByVerb the operator's API requests by verb
 * @param apiByRequest the same by "verb resource"
 * @param cpuCores the operator's CPU time over the wall time
 */
record Interval(double seconds, int pools, int evaluated, int late, long reconciles, double p50Ms, double p99Ms,
        long queries, Map<String, Long> apiByVerb, Map<String, Long> apiByRequest, double heapMb, double rssMb,
        double cpuCores, double loadAverage) {

    static Interval between(Reading start, Reading end, Duration interval, double secondsSinceStart) {
        double endSeconds = end.at().toEpochMilli() / 1000.0;
        double startSeconds = start.at().toEpochMilli() / 1000.0;
        int evaluated = 0;
        int late = 0;
        for (double last : end.lastEvaluation().values()) {
            if (last > startSeconds) {
                evaluated++;
            }
            if (endSeconds - last > interval.toMillis() * 1.5 / 1000) {
                late++;
            }
        }
        TreeMap<Double, Double> buckets = new TreeMap<>();
        end.reconcileBuckets().forEach((bound, count) -> buckets.put(bound, count - start.reconcileBuckets().getOrDefault(bound, 0.0)));
        Map<String, Long> byRequest = new TreeMap<>();
        end.api().forEach((k, v) -> {
            long delta = v - start.api().getOrDefault(k, 0L);
            if (delta > 0) {
                byRequest.put(k, delta);
            }
        });
        Map<String, Long> byVerb = new LinkedHashMap<>();
        ApiRequestCounter.VERBS.forEach(v -> byVerb.put(v, 0L));
        byRequest.forEach((k, v) -> byVerb.merge(k.substring(0, k.indexOf(' ')), v, Long::sum));
        double wall = Duration.between(start.at(), end.at()).toNanos() / 1e9;
        return new Interval(secondsSinceStart, end.lastEvaluation().size(), evaluated, late,
                Math.round(end.reconciles() - start.reconciles()), quantile(buckets, 0.5) * 1000, quantile(buckets, 0.99) * 1000,
                Math.round(end.queries() - start.queries()), byVerb, byRequest, end.heapBytes() / 1e6,
                end.rssKb().isPresent() ? end.rssKb().getAsLong() / 1024.0 : Double.NaN,
                end.cpu().minus(start.cpu()).toNanos() / 1e9 / wall, end.loadAverage().orElse(Double.NaN));
    }

    long apiRequests() {
        return apiByVerb.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Prometheus' histogram_quantile on cumulative buckets: linear within the bucket the rank falls
     * in, the highest finite bound when it falls in +Inf.
     */
    static double quantile(TreeMap<Double, Double> cumulative, double q) {
        if (cumulative.isEmpty() || !(cumulative.lastEntry().getValue() > 0)) {
            return Double.NaN;
        }
        double rank = q * cumulative.lastEntry().getValue();
        double lowerBound = 0;
        double lowerCount = 0;
        for (Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= rank) {
                if (bucket.getKey().isInfinite()) {
                    return lowerBound;
                }
                double inBucket = bucket.getValue() - lowerCount;
                return inBucket <= 0 ? bucket.getKey()
                        : lowerBound + (bucket.getKey() - lowerBound) * (rank - lowerCount) / inBucket;
            }
            lowerBound = bucket.getKey();
            lowerCount = bucket.getValue();
        }
        return lowerBound;
    }
}
