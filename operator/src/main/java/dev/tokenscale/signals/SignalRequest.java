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
 */
public record SignalRequest(
        String pool,
        PrometheusConnection connection,
        String preset,
        Map<Signal, String> customQueries,
        Duration window,
        List<LabelMatcher> matchers) {

    public SignalRequest {
        customQueries = Map.copyOf(customQueries);
        matchers = List.copyOf(matchers);
    }
}
