package dev.tokenscale.cli.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Everything the benchmark reads at one moment: the operator's /metrics (each pool's latest
 * evaluation, the reconcile histogram, heap), Prometheus' count of queries, the API server's count of
 * the operator's requests, and the operator process's RSS and CPU time.
 *
 * @param lastEvaluation each pool's latest evaluation, Unix seconds, by "namespace/pool"
 * @param reconcileBuckets the reconcile-duration histogram summed over pools: upper bound in seconds to count
 * @param reconciles how many reconciles the histogram has counted
 * @param queries Prometheus' /api/v1/query and /api/v1/query_range requests so far
 * @param api the operator's API requests so far, "verb resource" to count
 */
record Reading(Instant at, Map<String, Double> lastEvaluation, TreeMap<Double, Double> reconcileBuckets, double reconciles,
        double heapBytes, double queries, Map<String, Long> api, OptionalLong rssKb, Duration cpu,
        OptionalDouble loadAverage) {

    static Reading of(Instant at, MetricsText operator, MetricsText prometheus, Map<String, Long> api, OptionalLong rssKb,
            Duration cpu, OptionalDouble load) {
        Map<String, Double> last = new TreeMap<>();
        for (MetricsText.Sample s : operator.named("tokenscale_pool_last_evaluation_timestamp_seconds")) {
            last.put(s.labels().get("namespace") + "/" + s.labels().get("pool"), s.value());
        }
        TreeMap<Double, Double> buckets = new TreeMap<>();
        for (MetricsText.Sample s : operator.named("tokenscale_reconcile_duration_seconds_bucket")) {
            String le = s.labels().get("le");
            double bound = "+Inf".equals(le) ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
            buckets.merge(bound, s.value(), Double::sum);
        }
        double queries = prometheus.sum("prometheus_http_requests_total", Map.of("handler", "/api/v1/query"))
                + prometheus.sum("prometheus_http_requests_total", Map.of("handler", "/api/v1/query_range"));
        return new Reading(at, last, buckets, operator.sum("tokenscale_reconcile_duration_seconds_count", Map.of()),
                operator.sum("jvm_memory_used_bytes", Map.of("area", "heap")), queries, api, rssKb, cpu, load);
    }
}
