package dev.tokenscale.sim;

/**
 * One way of choosing the replica count during a replay. The replay asks once per step, in order,
 * and holds exactly what the strategy answers. A strategy keeps whatever state it needs (cooldown
 * times, for instance), so each replay gets fresh instances from {@link StrategyLineup}.
 */
public interface Strategy {

    /** The name in tables, JSON and the chart: {@code fixed-peak}, {@code reactive}, ... */
    String name();

    /** Replicas held, all ready, when the replay starts. */
    int initialReplicas();

    /** Replicas to hold from this step on. */
    int replicasFor(StepView view);

    /** Whether new replicas wait out the cold start. Only a strategy that is a bound ignores it. */
    default boolean waitsForColdStart() {
        return true;
    }
}
