package dev.tokenscale.sim;

import dev.tokenscale.cost.ReplicasForLoad;

/**
 * The seed's sizing rule from {@code cost_savings_analysis} ({@link ReplicasForLoad}):
 * {@code int(rps / capacity) + 1} replicas, which always leaves some headroom, kept within the bounds.
 */
public final class SeedHeadroomSizing implements ReplicaSizing {

    private final double capacityRpsPerReplica;

    public SeedHeadroomSizing(double capacityRpsPerReplica) {
        this.capacityRpsPerReplica = capacityRpsPerReplica;
    }

    @Override
    public int replicasFor(double rps, int minReplicas, int maxReplicas) {
        return Math.max(minReplicas, Math.min(maxReplicas, ReplicasForLoad.of(rps, capacityRpsPerReplica)));
    }
}
