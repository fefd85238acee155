package dev.tokenscale.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenscale.cost.PoolCost;
import dev.tokenscale.policy.BudgetLimit;
import dev.tokenscale.policy.CostAwarePolicy;
import dev.tokenscale.policy.PolicySettings;
import dev.tokenscale.policy.Priority;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two pools in one budget over an hour: realtime busy in the first half (60 rps, five 20-rps
 * replicas at the 500ms SLO) and quiet in the second (10 rps), batch at a steady 30 rps. A replica
 * is $16.80/h and the budget six of them, so in the first half batch is preempted and queues, and
 * in the second it takes the freed replicas and drains its queue.
 */
class BudgetReplayTest {

    private static final PoolCost COST = new PoolCost(8, 2.0, 5);
    private static final double REPLICA = COST.hourly(1);
    private static final BudgetLimit SIX = new BudgetLimit(6 * REPLICA, null);

    @Test
    void theBudgetHoldsEveryStepRealtimeKeepsItsSloAndBatchWorkIsDelayedNotLost() {
        BudgetReplayResult together = BudgetReplay.run(pools(), SIX, new CostAwarePolicy());
        BudgetReplayResult realtimeAlone = BudgetReplay.run(pools().subList(0, 1), null, new CostAwarePolicy());
        BudgetReplayResult batchAlone = BudgetReplay.run(pools().subList(1, 2), null, new CostAwarePolicy());

        assertThat(java.util.Arrays.stream(together.spendPerHour()).boxed().toList()).allSatisfy(spend -> assertThat(spend).isLessThanOrEqualTo(6 * REPLICA + 1e-9));
        assertThat(together.maxSpendPerHour()).isLessThanOrEqualTo(6 * REPLICA + 1e-9);
        assertThat(realtimeAlone.maxSpendPerHour() + batchAlone.maxSpendPerHour()).isGreaterThan(6 * REPLICA);
        assertThat(together.pool("realtime").sloViolationMinutes())
                .isLessThanOrEqualTo(realtimeAlone.pool("realtime").sloViolationMinutes());
        BudgetReplayResult.PoolResult batch = together.pool("batch");
        assertThat(batch.preemptions()).isPositive();
        assertThat(batch.maxBacklog()).as("batch queues while realtime holds the budget").isGreaterThan(1000);
        assertThat(batchAlone.pool("batch").maxBacklog()).isLessThan(batch.maxBacklog());
        assertThat(batch.finalBacklog()).as("and drains once realtime quiets down").isZero();
        assertThat(together.totalDailyCost()).isEqualTo(together.pool("realtime").dailyCost() + batch.dailyCost());
    }

    @Test
    void poolsWithTracesOfDifferentLengthsAreRefusedByName() {
        ReplayScenario hour = scenario(new double[] {10}, 3600, PolicySettings.seedDefaults(1, 8, 8, 2.0));
        ReplayScenario halfHour = scenario(new double[] {10}, 1800, PolicySettings.seedDefaults(1, 8, 8, 2.0));

        assertThatThrownBy(() -> BudgetReplay.run(List.of(new BudgetReplay.Pool("a", Priority.REALTIME, hour),
                new BudgetReplay.Pool("b", Priority.BATCH, halfHour)), SIX, new CostAwarePolicy()))
                .hasMessageContaining("pool b").hasMessageContaining("equally long");
    }

    private static List<BudgetReplay.Pool> pools() {
        PolicySettings realtime = PolicySettings.seedDefaults(1, 8, 8, 2.0);
        PolicySettings batch = new PolicySettings(0, 4, Duration.ofSeconds(30), Duration.ofMillis(100), 80, 30, 70, null,
                Duration.ofSeconds(60), Duration.ofSeconds(300), dev.tokenscale.policy.StepPolicy.STEP, 1, 1, 8, 2.0);
        return List.of(
                new BudgetReplay.Pool("realtime", Priority.REALTIME, scenario(new double[] {60, 10}, 3600, realtime)),
                new BudgetReplay.Pool("batch", Priority.BATCH, scenario(new double[] {30, 30}, 3600, batch)));
    }

    private static ReplayScenario scenario(double[] halves, double lengthSeconds, PolicySettings settings) {
        double[] starts = halves.length == 1 ? new double[] {0} : new double[] {0, lengthSeconds / 2};
        TrafficProfile traffic = new TrafficProfile("test", starts, halves, lengthSeconds);
        return new ReplayScenario(traffic, settings, LoadModel.Params.seedDefaults(), Duration.ofSeconds(15),
                Duration.ofSeconds(120), COST);
    }
}
