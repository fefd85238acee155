package dev.tokenscale.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How far one decision moves the replica count. */
public enum ScalingPolicyType {
    /** One replica at a time, as in the seed. */
    @JsonProperty("Step")
    STEP,
    /** Size the pool for the target utilization in one move, capped by maxStepUp/maxStepDown. */
    @JsonProperty("Proportional")
    PROPORTIONAL,
    /** Size the pool for its measured demand and learned per-replica capacity. */
    @JsonProperty("Adaptive")
    ADAPTIVE
}
