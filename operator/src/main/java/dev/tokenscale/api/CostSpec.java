package dev.tokenscale.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/** What one replica costs, for status.cost and the savings estimate. */
public class CostSpec {

    /** GPUs one replica uses, e.g. 8 for Llama-3.1-70B at TP=8. */
    @Default("1")
    @Min(1)
    @Max(1024)
    @JsonPropertyDescription("GPUs one replica uses, 1 to 1024, e.g. 8 for a 70B model at tensor parallel 8. Default 1.")
    private Integer gpusPerReplica;

    /** Price of one GPU-hour in USD. */
    @Required
    @Min(0)
    @Max(10000)
    @JsonPropertyDescription("Price of one GPU-hour in USD, 0 to 10000, e.g. 2.00 for an A100.")
    private Double gpuHourlyCost;

    /** Networking, storage and other overhead on top of GPU cost, in percent. */
    @Default("5")
    @Min(0)
    @Max(1000)
    @JsonPropertyDescription("Networking, storage and other overhead on top of the GPU cost, in percent, 0 to 1000. Default 5.")
    private Double overheadPercent;

    public Integer getGpusPerReplica() {
        return gpusPerReplica;
    }

    public void setGpusPerReplica(Integer gpusPerReplica) {
        this.gpusPerReplica = gpusPerReplica;
    }

    public Double getGpuHourlyCost() {
        return gpuHourlyCost;
    }

    public void setGpuHourlyCost(Double gpuHourlyCost) {
        this.gpuHourlyCost = gpuHourlyCost;
    }

    public Double getOverheadPercent() {
        return overheadPercent;
    }

    public void setOverheadPercent(Double overheadPercent) {
        this.overheadPercent = overheadPercent;
    }
}
