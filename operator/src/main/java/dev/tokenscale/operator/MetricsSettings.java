package dev.tokenscale.operator;

import dev.tokenscale.api.MetricsPreset;
import dev.tokenscale.policy.Signal;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * spec.metrics, validated and defaulted.
 *
 * @param customQueries the custom preset's PromQL templates by signal; empty for other presets
 * @param selector extra label matchers; empty means "the target's current pods"
 */
public record MetricsSettings(
        MetricsPreset preset,
        PrometheusSettings prometheus,
        Map<String, String> selector,
        Duration window,
        Map<Signal, String> customQueries) {

    public MetricsSettings {
        Objects.requireNonNull(preset, "preset");
        Objects.requireNonNull(prometheus, "prometheus");
        Objects.requireNonNull(window, "window");
        selector = Map.copyOf(selector);
        customQueries = Map.copyOf(customQueries);
    }

    /** The preset's wire name, as in the CRD: vllm, sglang or custom. */
    public String presetName() {
        return preset.name().toLowerCase(Locale.ROOT);
    }
}
