package dev.tokenscale.sim;

/**
 * A lower bound, not a policy: it knows each step's load in advance and holds the fewest replicas
 * within the pool's bounds that the sizing rule accepts for it, with no cold start. No strategy
 * that meets the SLO as often can cost less under the same model.
 */
public final class OracleStrategy implements Strategy {

    public static final String NAME = "oracle";

    private final TrafficProfile traffic;
    private final ReplicaSizing sizing;
    private final int minReplicas;
    private final int maxReplicas;

    public OracleStrategy(TrafficProfile traffic, ReplicaSizing sizing, int minReplicas, int maxReplicas) {
        this.traffic = traffic;
        this.sizing = sizing;
        this.minReplicas = minReplicas;
        this.maxReplicas = maxReplicas;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int initialReplicas() {
        return sizing.replicasFor(traffic.rpsAt(0), minReplicas, maxReplicas);
    }

    @Override
    public int replicasFor(StepView view) {
        return sizing.replicasFor(traffic.averageRps(view.startSeconds(), view.endSeconds()), minReplicas, maxReplicas);
    }

    @Override
    public boolean waitsForColdStart() {
        return false;
    }
}
