package dev.tokenscale.policy;

/** How far one decision moves the replica count. */
public enum StepPolicy {
    /** ±1 replica per decision, as in the seed's CostAwareAutoscaler. */
    STEP,
    /** Up to ceil(replicas × utilization / target); down to the fewest replicas that keep utilization at or under target. */
    PROPORTIONAL,
    /**
     * Size the pool for its measured demand (requests per second) and learned per-replica capacity:
     * straight to the desired count on the way up, down to the highest desired count of the last
     * scale-down cooldown. See {@link Adaptive}.
     */
    ADAPTIVE
}
