package dev.tokenscale.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Map;

/** The signal values of the latest evaluation. Absent means missing or idle; see health. */
public class SignalsStatus {

    /** P99 time to first token in ms. */
    @JsonPropertyDescription("P99 time to first token, in milliseconds, to 0.1 ms.")
    private Double ttftP99Ms;

    /** P99 time per output token in ms. */
    @JsonPropertyDescription("P99 time per output token, in milliseconds, to 0.1 ms.")
    private Double tpotP99Ms;

    /** Average utilization across the pool's pods, in percent. */
    @JsonPropertyDescription("Average utilization across the pool's pods, in percent to 0.1 (vLLM: KV-cache usage).")
    private Double utilizationPercent;

    /** Requests waiting, summed over the pool. */
    @JsonPropertyDescription("Requests waiting in the engines' queues, summed over the pool, to 0.1.")
    private Double queueDepth;

    /** Generated tokens per second, summed over the pool. */
    @JsonPropertyDescription("Generated tokens per second, summed over the pool, to 0.1.")
    private Double tokensPerSecond;

    /** Requests per second arriving at the pool. */
    @JsonPropertyDescription("Requests per second arriving at the pool: requests that reached their first token plus the growth of the waiting queue.")
    private Double requestsPerSecond;
    /** Share of the target's ready pods that report fresh metrics, in percent; absent when not measured. */
    @JsonPropertyDescription("The share of the target's ready pods that report a fresh running-requests sample, in percent. Absent when it was not measured (no per-pod series in the preset, no ready pod) or could not be (see the MetricsAvailable condition).")
    private Double coveragePercent;

    /** Ready pods without a fresh sample. */
    @JsonPropertyDescription("The target's ready pods that report no fresh sample, by name.")
    private List<String> silentPods;

    /** When the signals shown were read (RFC 3339); later reads within display precision do not rewrite them. */
    @JsonPropertyDescription("When the signals shown were read, RFC 3339. Later reads that round to the same figures do not rewrite status, so this time can be older than the latest evaluation.")
    private String observedAt;

    /** Per signal: present, idle, or missing with its reason. */
    @JsonPropertyDescription("Per signal key: present, idle, or missing:<reason> (no_series, error, malformed, nan, invalid_value).")
    private Map<String, String> health;

    public Double getTtftP99Ms() {
        return ttftP99Ms;
    }

    public void setTtftP99Ms(Double ttftP99Ms) {
        this.ttftP99Ms = ttftP99Ms;
    }

    public Double getTpotP99Ms() {
        return tpotP99Ms;
    }

    public void setTpotP99Ms(Double tpotP99Ms) {
        this.tpotP99Ms = tpotP99Ms;
    }

    public Double getUtilizationPercent() {
        return utilizationPercent;
    }

    public void setUtilizationPercent(Double utilizationPercent) {
        this.utilizationPercent = utilizationPercent;
    }

    public Double getQueueDepth() {
        return queueDepth;
    }

    public void setQueueDepth(Double queueDepth) {
        this.queueDepth = queueDepth;
    }

    public Double getTokensPerSecond() {
        return tokensPerSecond;
    }

    public void setTokensPerSecond(Double tokensPerSecond) {
        this.tokensPerSecond = tokensPerSecond;
    }

    public Double getRequestsPerSecond() {
        return requestsPerSecond;
    }

    public void setRequestsPerSecond(Double requestsPerSecond) {
        this.requestsPerSecond = requestsPerSecond;
    }

    public Double getCoveragePercent() {
        return coveragePercent;
    }

    public void setCoveragePercent(Double coveragePercent) {
        this.coveragePercent = coveragePercent;
    }

    public List<String> getSilentPods() {
        return silentPods;
    }

    public void setSilentPods(List<String> silentPods) {
        this.silentPods = silentPods;
    }

    public String getObservedAt() {
        return observedAt;
    }

    public void setObservedAt(String observedAt) {
        this.observedAt = observedAt;
    }

    public Map<String, String> getHealth() {
        return health;
    }

    public void setHealth(Map<String, String> health) {
        this.health = health;
    }
}
