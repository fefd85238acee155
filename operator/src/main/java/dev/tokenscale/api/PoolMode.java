package dev.tokenscale.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether the operator acts on its decisions or only reports them. */
public enum PoolMode {
    /** Patch the workload's replica count through its /scale subresource. */
    @JsonProperty("Auto")
    AUTO,
    /** Never touch the workload; keep status.recommendedReplicas current and emit Recommendation events. */
    @JsonProperty("Recommend")
    RECOMMEND
}
