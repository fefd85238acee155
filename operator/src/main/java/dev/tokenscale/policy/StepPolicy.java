package dev.tokenscale.policy;

/** How far one decision moves the replica count. */
public enum StepPolicy {
    /** ±1 replica per decision, as in the seed's CostAwareAutoscaler. */
    STEP,
    /** Up to ceil(replicas × utilization / target); down to the fewest replicas that keep utilization at or under target. */
    PROPORTIONAL
}
