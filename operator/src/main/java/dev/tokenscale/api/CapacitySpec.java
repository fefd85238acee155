package dev.tokenscale.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** What one replica can serve: a hint for the Adaptive policy, replaced by what it learns. */
public class CapacitySpec {

    /** Requests per second one ready replica serves at 100% utilization. */
    @Min(value = 0, inclusive = false)
    @Max(1000000)
    @JsonPropertyDescription("Requests per second one ready replica serves at 100% utilization, above 0 and at most 1000000. The Adaptive policy sizes with it until it has learned 10 samples of its own (status.learned); without it, Adaptive sizes on utilization until then. Other policies ignore it.")
    private Double requestsPerSecondPerReplica;

    public Double getRequestsPerSecondPerReplica() {
        return requestsPerSecondPerReplica;
    }

    public void setRequestsPerSecondPerReplica(Double requestsPerSecondPerReplica) {
        this.requestsPerSecondPerReplica = requestsPerSecondPerReplica;
    }
}
