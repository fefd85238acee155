package dev.tokenscale.sim;

/**
 * The fewest replicas whose steady state under the {@link LoadModel} meets the latency SLO: no
 * backlog, the load spread over the replicas, P99 TTFT and TPOT at or under target.
 */
public final class SloSizing implements ReplicaSizing {

    private final LoadModel probe;
    private final LatencySlo slo;

    public SloSizing(LoadModel.Params params, LatencySlo slo) {
        // Only observe() is called on the probe, never step(), so its backlog stays zero.
        this.probe = new LoadModel(params);
        this.slo = slo;
    }

    @Override
    public int replicasFor(double rps, int minReplicas, int maxReplicas) {
        if (rps <= 0) {
            return minReplicas;
        }
        long enoughToKeepUp = (long) Math.ceil(rps / probe.params().capacityRpsPerReplica());
        long first = Math.max(minReplicas, Math.max(1, enoughToKeepUp));
        for (long replicas = first; replicas <= maxReplicas; replicas++) {
            if (slo.isMetBy(probe.observe(rps, (int) replicas, rps))) {
                return (int) replicas;
            }
        }
        return maxReplicas;
    }
}
