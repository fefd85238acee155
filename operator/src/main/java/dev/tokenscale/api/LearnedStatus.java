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
