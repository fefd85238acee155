package dev.tokenscale.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The pool's cost now, from the seed's cost model. */
public class CostStatus {

    /** replicas × gpusPerReplica × gpuHourlyCost × (1 + overhead). */
    @JsonPropertyDescription("USD per hour, to the cent: replicas x gpusPerReplica x gpuHourlyCost x (1 + overheadPercent/100).")
    private Double hourly;

    /** Hourly cost over the tokens generated in that hour, per million. */
    @JsonPropertyDescription("USD per million generated tokens at the current throughput, to 4 significant figures. Absent when throughput is missing or zero.")
    private Double perMillionTokens;

    /** What the latest scale-down saves per hour, overhead included, like {@link #hourly}. */
    @JsonPropertyDescription("USD per hour the latest scale-down saves, to the cent: (from - to) x gpusPerReplica x gpuHourlyCost x (1 + overheadPercent/100), the drop in hourly.")
    private Double estimatedSavingsPerHour;

    public Double getHourly() {
        return hourly;
    }

    public void setHourly(Double hourly) {
        this.hourly = hourly;
    }

    public Double getPerMillionTokens() {
        return perMillionTokens;
    }

    public void setPerMillionTokens(Double perMillionTokens) {
        this.perMillionTokens = perMillionTokens;
    }

    public Double getEstimatedSavingsPerHour() {
        return estimatedSavingsPerHour;
    }

    public void setEstimatedSavingsPerHour(Double estimatedSavingsPerHour) {
        this.estimatedSavingsPerHour = estimatedSavingsPerHour;
    }
}
