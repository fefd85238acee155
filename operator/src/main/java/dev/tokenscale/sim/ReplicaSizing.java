package dev.tokenscale.sim;

/** A rule that sizes a pool for a known load, as the oracle and the fixed strategies need. */
public interface ReplicaSizing {

    /** The fewest replicas in [min, max] the rule accepts for {@code rps}; max when none does. */
    int replicasFor(double rps, int minReplicas, int maxReplicas);
}
