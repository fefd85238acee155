package dev.tokenscale.sim;

import dev.tokenscale.policy.CostAwarePolicy;
import dev.tokenscale.policy.PolicySettings;
import java.util.List;

/**
 * The strategies one {@code simulate} run compares, freshly built for a scenario. A new strategy
 * (a predictive one, say) is one new {@link Strategy} file and one line in {@link #standard}; the
 * table, the JSON and the chart's replica panel show every strategy replayed. A strategy that runs a
 * policy also adds its name to {@link #POLICY_RUNS}, so the chart draws its latency against the SLO.
 */
public final class StrategyLineup {

    /** The runs whose P99 TTFT the chart draws, in this order, when they were replayed. */
    public static final List<String> POLICY_RUNS = List.of(ReactiveStrategy.NAME, AdaptiveStrategy.NAME, PredictiveStrategy.NAME);

    private StrategyLineup() {}

    public static List<Strategy> standard(ReplayScenario scenario, CostAwarePolicy policy, OracleSizing oracleSizing) {
        TrafficProfile traffic = scenario.traffic();
        PolicySettings settings = scenario.settings();
        SeedHeadroomSizing seedSizing = new SeedHeadroomSizing(scenario.load().capacityRpsPerReplica());
        OracleStrategy oracle = OracleStrategy.of(scenario, oracleSizing.sizingFor(scenario));
        // The reactive pool starts where the oracle starts, so the day's first minutes compare like with like.
        int reactiveStart = oracle.initialReplicas();
        return List.of(
                FixedStrategy.forPeak(traffic, seedSizing),
                FixedStrategy.forAverage(traffic, seedSizing),
                FixedStrategy.forSlo(scenario),
                new ReactiveStrategy(policy, settings, reactiveStart, new ReplayClock(ReplayScenario.START)),
                new AdaptiveStrategy(policy, settings, scenario.step(), reactiveStart, new ReplayClock(ReplayScenario.START)),
                new PredictiveStrategy(policy, settings, scenario.step(), reactiveStart, scenario.stepCount()),
                oracle);
    }
}
