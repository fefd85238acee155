package dev.tokenscale.sim;

import java.util.function.DoubleBinaryOperator;

/**
 * A lower bound, not a policy: it knows each step's load, and each replica's drifted capacity, in
 * advance and holds the fewest replicas within the pool's bounds that the sizing rule accepts for
 * it, with no cold start. No strategy that meets the SLO as often can cost less under the same model.
 */
public final class OracleStrategy implements Strategy {

    public static final String NAME = "oracle";

    private final DoubleBinaryOperator loadBetween;
    private final double firstRps;
    private final ReplicaSizing sizing;
    private final int minReplicas;
    private final int maxReplicas;
    private final CapacityDrift drift;

    public OracleStrategy(TrafficProfile traffic, ReplicaSizing sizing, int minReplicas, int maxReplicas) {
        this(traffic, sizing, minReplicas, maxReplicas, new CapacityDrift(ReplayConditions.NONE));
    }

    /** @param drift the replay's capacity drift, which the oracle knows as it knows the load */
    public OracleStrategy(TrafficProfile traffic, ReplicaSizing sizing, int minReplicas, int maxReplicas,
            CapacityDrift drift) {
        this(traffic::averageRps, traffic.rpsAt(0), sizing, minReplicas, maxReplicas, drift);
    }

    /** The oracle of a whole scenario: it knows the history's load as well as the scored part's, and the drift. */
    public static OracleStrategy of(ReplayScenario scenario, ReplicaSizing sizing) {
        double first = scenario.history().map(history -> history.rpsAt(0)).orElse(scenario.traffic().rpsAt(0));
        return new OracleStrategy(scenario::averageRps, first, sizing, scenario.settings().minReplicas(),
                scenario.settings().maxReplicas(), new CapacityDrift(scenario.conditions()));
    }

    private OracleStrategy(DoubleBinaryOperator loadBetween, double firstRps, ReplicaSizing sizing, int minReplicas,
            int maxReplicas, CapacityDrift drift) {
        this.drift = drift;
        this.loadBetween = loadBetween;
        this.firstRps = firstRps;
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
        return sizing.replicasFor(firstRps / drift.factorAt(0), minReplicas, maxReplicas);
    }

    @Override
    public int replicasFor(StepView view) {
        // Both sizing rules depend on load over capacity alone, so sizing the load scaled by the
        // inverse of the drift at nominal capacity sizes the real load at the drifted capacity.
        double middle = (view.startSeconds() + view.endSeconds()) / 2;
        double rps = loadBetween.applyAsDouble(view.startSeconds(), view.endSeconds());
        return sizing.replicasFor(rps / drift.factorAt(middle), minReplicas, maxReplicas);
    }

    @Override
    public boolean waitsForColdStart() {
        return false;
    }
}
