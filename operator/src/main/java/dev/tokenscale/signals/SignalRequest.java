package dev.tokenscale.signals;

import dev.tokenscale.policy.Signal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to read one pool's signals: where, with which engine's metric names, over which
 * window, and for which series.
 *
 * @param pool "namespace/name", for error messages
 * @param preset a preset file's name ("vllm", "sglang", ...) or "custom"
 * @param customQueries the custom preset's PromQL templates by signal; empty for other presets
 * @param matchers always starts with namespace="..." so a query never leaves the pool's namespace
 * @param customRunningRequests the custom preset's per-pod running-requests template; null for none
 * @param readyPods the target's ready pods, which are expected to report; null when unknown (explain
 *     without a cluster), and then no coverage is measured
 */
public record SignalRequest(
        String pool,
        PrometheusConnection connection,
        String preset,
        Map<Signal, String> customQueries,
        Duration window,
        List<LabelMatcher> matchers,
        String customRunningRequests,
        List<String> readyPods) {

    public SignalRequest {
        customQueries = Map.copyOf(customQueries);
        matchers = List.copyOf(matchers);
        readyPods = readyPods == null ? null : List.copyOf(readyPods);
    }

    /** A request that knows no pod list, so it measures no coverage. */
    public SignalRequest(String pool, PrometheusConnection connection, String preset, Map<Signal, String> customQueries,
            Duration window, List<LabelMatcher> matchers) {
        this(pool, connection, preset, customQueries, window, matchers, null, null);
    }
}
