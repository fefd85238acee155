package dev.tokenscale.sim;

/**
 * The seed's sizing rule from {@code cost_savings_analysis}: {@code int(rps / capacity) + 1}
 * replicas, which always leaves some headroom, kept within the bounds.
 */
public final class SeedHeadroomSizing implements ReplicaSizing {

    private final double capacityRpsPerReplica;

    public SeedHeadroomSizing(double capacityRpsPerReplica) {
        this.capacityRpsPerReplica = capacityRpsPerReplica;
    }

    @Override
    public int replicasFor(double rps, int minReplicas, int maxReplicas) {
        long headroom = (long) Math.floor(rps / capacityRpsPerReplica) + 1;
        return (int) Math.max(minReplicas, Math.min(maxReplicas, headroom));
    }
}
