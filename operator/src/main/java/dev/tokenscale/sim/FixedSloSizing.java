package dev.tokenscale.sim;

import java.util.List;

/**
 * The honest static baseline's size: the fewest replicas, held all run, whose replay meets the
 * latency SLO at every step, or the pool's max when none does. The seed's fixed-peak sizing,
 * int(peak / capacity) + 1, runs the peak at 95% utilization and misses the SLO there.
 *
 * <p>It is found by replaying, not by a formula, so whatever the replay models (a queue, a capacity
 * that drifts over the day) counts the same as for every other strategy. The steady-state size for
 * the busiest step is where the search starts; more replicas never add violations, so it walks
 * down while the next smaller count still holds and up until one holds.
 */
final class FixedSloSizing {

    private FixedSloSizing() {}

    static int replicasFor(ReplayScenario scenario) {
        int min = scenario.settings().minReplicas();
        int max = scenario.settings().maxReplicas();
        double busiest = 0;
        for (double rps : scenario.stepRps()) {
            busiest = Math.max(busiest, rps);
        }
        int replicas = new SloSizing(scenario.load(), scenario.slo()).replicasFor(busiest, min, max);
        if (holds(scenario, replicas)) {
            while (replicas > min && holds(scenario, replicas - 1)) {
                replicas--;
            }
            return replicas;
        }
        while (replicas < max) {
            replicas++;
            if (holds(scenario, replicas)) {
                return replicas;
            }
        }
        return max;
    }

    private static boolean holds(ReplayScenario scenario, int replicas) {
        Strategy fixed = FixedStrategy.of(FixedStrategy.SLO, replicas);
        // A fixed pool learns nothing from history, and what it promises is the SLO over the scored
        // part, so that part alone is replayed to judge it.
        StrategyRun run = Replay.run(scenario.withoutHistory(), List.of(fixed), ReplayProgress.NONE).runs().get(0);
        return run.violationMillis() == 0;
    }
}
