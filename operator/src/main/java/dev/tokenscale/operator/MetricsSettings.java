package dev.tokenscale.operator;

import dev.tokenscale.policy.Signal;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * spec.metrics, validated and defaulted.
 *
 * @param presetName the preset's wire name, as in the CRD: a preset file's name (vllm, sglang, ...) or custom
 * @param customQueries the custom preset's PromQL templates by signal; empty for other presets
 * @param selector extra label matchers; empty means "the target's current pods"
 * @param customRunningRequests the custom preset's per-pod running-requests template; null for none
 */
public record MetricsSettings(
        String presetName,
        PrometheusSettings prometheus,
        Map<String, String> selector,
        Duration window,
        Map<Signal, String> customQueries,
        String customRunningRequests) {

    public MetricsSettings {
        Objects.requireNonNull(presetName, "presetName");
        Objects.requireNonNull(prometheus, "prometheus");
        Objects.requireNonNull(window, "window");
        selector = Map.copyOf(selector);
        customQueries = Map.copyOf(customQueries);
    }
}
