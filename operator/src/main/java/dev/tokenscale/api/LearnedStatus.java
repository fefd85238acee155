package dev.tokenscale.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** What the Adaptive policy has learned about the pool, persisted so a restart does not lose it. */
public class LearnedStatus {

    /** The learned requests per second one ready replica serves at 100% utilization. */
    @JsonPropertyDescription("Requests per second one ready replica serves at 100% utilization: the median of the recent samples.")
    private Double capacityRequestsPerSecond;

    /** How many capacity samples were taken in all. */
    @JsonPropertyDescription("How many capacity samples were taken in all. The learned figure is used once there are 10.")
    private Long samples;

    /** The recent samples the median is taken over, oldest first. */
    @JsonPropertyDescription("The recent capacity samples the median is taken over, oldest first, at most 20.")
    private List<Double> recentSamples;

    /** When the learned capacity last changed (RFC 3339). */
    @JsonPropertyDescription("When the learned capacity last changed, RFC 3339.")
    private String updatedTime;

    /** The learned cold start: p90 of the recent measured ones, or the seed until three exist. */
    @JsonPropertyDescription("How long a new replica takes from the scale order to ready, in seconds: the p90 of the last 20 measured scale-ups once three exist; spec.scaling.coldStartHint (or 120) before. The forecast plans this far ahead.")
    private Double coldStartSeconds;

    /** How many cold starts were measured in all. */
    @JsonPropertyDescription("How many scale-ups' cold starts were measured in all. The measured figure is used once there are 3.")
    private Long coldStartSamples;

    /** The recent measured cold starts, oldest first. */
    @JsonPropertyDescription("The recent measured cold starts in seconds, oldest first, at most 20: what coldStartSeconds is the p90 of.")
    private List<Double> recentColdStartSeconds;

    /** The forecast's error over the last day, percent. */
    @JsonPropertyDescription("The demand forecast's error over the last day: sum of |forecast - actual| / sum of actual x 100 over its 5-minute buckets. Unset until an hour of forecasts has been checked. Above spec.scaling.forecast.maxErrorPercent the forecast is ignored.")
    private Double forecastErrorPercent;

    /** The last bursts, oldest first, so a restarted operator keeps holding capacity for bursts that recur. */
    @JsonPropertyDescription("The last bursts the Adaptive policy saw, oldest first, at most 6. While they recur (two within 3 median gaps) the pool holds the replicas that drain the median one within a cold start, until 3 median gaps after the last. Kept here so a restarted operator goes on holding them.")
    private List<LearnedBurst> recentBursts;

    public List<LearnedBurst> getRecentBursts() {
        return recentBursts;
    }

    public void setRecentBursts(List<LearnedBurst> recentBursts) {
        this.recentBursts = recentBursts;
    }

    public Double getColdStartSeconds() {
        return coldStartSeconds;
    }

    public void setColdStartSeconds(Double coldStartSeconds) {
        this.coldStartSeconds = coldStartSeconds;
    }

    public Long getColdStartSamples() {
        return coldStartSamples;
    }

    public void setColdStartSamples(Long coldStartSamples) {
        this.coldStartSamples = coldStartSamples;
    }

    public List<Double> getRecentColdStartSeconds() {
        return recentColdStartSeconds;
    }

    public void setRecentColdStartSeconds(List<Double> recentColdStartSeconds) {
        this.recentColdStartSeconds = recentColdStartSeconds;
    }

    public Double getForecastErrorPercent() {
        return forecastErrorPercent;
    }

    public void setForecastErrorPercent(Double forecastErrorPercent) {
        this.forecastErrorPercent = forecastErrorPercent;
    }

    public Double getCapacityRequestsPerSecond() {
        return capacityRequestsPerSecond;
    }

    public void setCapacityRequestsPerSecond(Double capacityRequestsPerSecond) {
        this.capacityRequestsPerSecond = capacityRequestsPerSecond;
    }

    public Long getSamples() {
        return samples;
    }

    public void setSamples(Long samples) {
        this.samples = samples;
    }

    public List<Double> getRecentSamples() {
        return recentSamples;
    }

    public void setRecentSamples(List<Double> recentSamples) {
        this.recentSamples = recentSamples;
    }

    public String getUpdatedTime() {
        return updatedTime;
    }

    public void setUpdatedTime(String updatedTime) {
        this.updatedTime = updatedTime;
    }
}
