package dev.tokenscale.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which serving engine's metric names to query. */
public enum MetricsPreset {
    @JsonProperty("vllm")
    VLLM,
    @JsonProperty("sglang")
    SGLANG,
    /** Use spec.metrics.queries: one PromQL template per signal. */
    @JsonProperty("custom")
    CUSTOM
}
