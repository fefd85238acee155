package dev.tokenscale.sim;

import dev.tokenscale.policy.BudgetLimit;
import dev.tokenscale.policy.Priority;
import java.util.Arrays;
import java.util.List;

/**
 * What several pools did together over one replay, with or without a budget.
 *
 * @param limit null when replayed without a budget
 * @param spendPerHour USD per hour of all pools' held replicas, step by step
 */
public record BudgetReplayResult(ReplayScenario timeline, BudgetLimit limit, List<PoolResult> pools, double[] spendPerHour) {

    /**
     * @param preemptions steps in which the pool gave replicas back to the budget
     * @param backlog requests waiting at the end of each step
     * @param finalBacklog requests still waiting when the run ends; 0 means the delayed work was served
     */
    public record PoolResult(String name, Priority priority, StrategyRun run, int preemptions, double[] backlog,
            double finalBacklog) {

        public double maxBacklog() {
            return Arrays.stream(backlog).max().orElse(0);
        }

        /**
         * Hours from the start until the backlog, past its highest point, is empty again; NaN when it
         * never queued or was still draining when the run ended.
         */
        public double backlogDrainedAtHours(ReplayScenario timeline) {
            int peak = 0;
            for (int i = 1; i < backlog.length; i++) {
                if (backlog[i] > backlog[peak]) {
                    peak = i;
                }
            }
            if (backlog.length == 0 || backlog[peak] <= 0) {
                return Double.NaN;
            }
            for (int i = peak + 1; i < backlog.length; i++) {
                if (backlog[i] == 0) {
                    return timeline.stepStartMillis(i) / 3_600_000.0;
                }
            }
            return Double.NaN;
        }

        public double dailyCost() {
            return run.dailyCost();
        }

        public double sloViolationMinutes() {
            return run.violationMillis() / 60_000.0;
        }
    }

    public double totalDailyCost() {
        return pools.stream().mapToDouble(PoolResult::dailyCost).sum();
    }

    public double maxSpendPerHour() {
        return Arrays.stream(spendPerHour).max().orElse(0);
    }

    public PoolResult pool(String name) {
        return pools.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no pool " + name));
    }
}
