package dev.tokenscale.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import java.util.Map;

/** Where and how the pool's signals are read. */
public class MetricsSpec {

    /**
     * Which engine's metric names to use: the name of a preset file shipped with the operator, or
     * custom. A String here, not a Java enum, so a new engine needs only its preset file: the build
     * ({@link CrdPresetEnum}) writes the CRD's enum from the preset files, and the operator still checks
     * the name against the presets it has (a pool stored under an older CRD).
     */
    @Default("vllm")
    @JsonPropertyDescription("Which serving engine's metric names to query: a preset the operator ships (vllm, sglang; the enum lists this build's), or custom (then set queries). Default vllm.")
    private String preset;

    /** Prometheus connection; unset fields take the operator-wide defaults. */
    @JsonPropertyDescription("How to reach Prometheus. Unset fields take the operator-wide defaults.")
    private PrometheusSpec prometheus;

    /** Label matchers for the pool's series, overriding the default of the target's current pods. */
    @JsonPropertyDescription("Label matchers (label: value) that pick this pool's series, in addition to namespace. Unset: the pods the target's /scale selector matches now, so series of deleted pods never count.")
    private Map<String, String> selector;

    /** Range of the rate() and histogram windows. */
    @Default("2m")
    @Pattern(Durations.PATTERN)
    @JsonPropertyDescription("The range for rate() and histogram quantiles, as a duration. Default 2m.")
    private String window;

    /** PromQL templates per signal for the custom preset. */
    @JsonPropertyDescription("For preset custom: a PromQL template per signal (ttftP99Ms, tpotP99Ms, utilizationPercent, queueDepth, tokensPerSecond). {{matchers}} is replaced by the pool's label matchers and {{window}} by window. Latency results are in milliseconds, utilization in percent. Optionally runningRequests: a per-pod series (one series per pod, with a pod label) of requests in flight, used to pick the idlest pod on scale-down and to measure coverage; without it no quorum applies.")
    private Map<String, String> queries;

    /** The share of the target's ready pods that must report before the pool may scale down. */
    @Default("80")
    @Min(0)
    @Max(100)
    @JsonPropertyDescription("The quorum, in percent: the share of the target's ready pods that must report a fresh running-requests sample (no older than window) before the pool may scale down. Below it a scale-down is held with reason low_coverage naming the silent pods; a scale-up is still allowed. 0 switches the quorum off. Default 80.")
    private Double minCoverage;

    public String getPreset() {
        return preset;
    }

    public void setPreset(String preset) {
        this.preset = preset;
    }

    public PrometheusSpec getPrometheus() {
        return prometheus;
    }

    public void setPrometheus(PrometheusSpec prometheus) {
        this.prometheus = prometheus;
    }

    public Map<String, String> getSelector() {
        return selector;
    }

    public void setSelector(Map<String, String> selector) {
        this.selector = selector;
    }

    public String getWindow() {
        return window;
    }

    public void setWindow(String window) {
        this.window = window;
    }

    public Double getMinCoverage() {
        return minCoverage;
    }

    public void setMinCoverage(Double minCoverage) {
        this.minCoverage = minCoverage;
    }

    public Map<String, String> getQueries() {
        return queries;
    }

    public void setQueries(Map<String, String> queries) {
        this.queries = queries;
    }
}
