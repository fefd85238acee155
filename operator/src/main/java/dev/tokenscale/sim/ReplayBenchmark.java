package dev.tokenscale.sim;

import dev.tokenscale.cost.PoolCost;
import dev.tokenscale.policy.CostAwarePolicy;
import dev.tokenscale.policy.PolicySettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * Measures how long {@code simulate} takes to replay the built-in day at 15 s steps through all
 * strategies. Prints the first (cold JVM) replay, which is what a user of the CLI waits for, and the
 * spread of warm replays, then each strategy's share. Run: {@code java -cp operator/target/tokenscale.jar dev.tokenscale.sim.ReplayBenchmark [runs]}
 */
public final class ReplayBenchmark {

    private static final int WARM_UP_RUNS = 20;

    private ReplayBenchmark() {}

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        ReplayScenario scenario = new ReplayScenario(
                BuiltInTraffic.SEED_DIURNAL.load(),
                PolicySettings.seedDefaults(1, 16, 8, 2.00),
                LoadModel.Params.seedDefaults(),
                Duration.ofSeconds(15),
                Duration.ofSeconds(120),
                new PoolCost(8, 2.00, 5));
        CostAwarePolicy policy = new CostAwarePolicy();

        long coldNanos = timeOneReplay(scenario, policy);
        for (int i = 0; i < WARM_UP_RUNS; i++) {
            timeOneReplay(scenario, policy);
        }
        long[] warm = new long[runs];
        for (int i = 0; i < runs; i++) {
            warm[i] = timeOneReplay(scenario, policy);
        }
        Arrays.sort(warm);
        int strategies = StrategyLineup.standard(scenario, policy, OracleSizing.SLO).size();
        System.out.printf(Locale.ROOT, "replay: %s, %d steps of %ds x %d strategies = %d steps%n",
                scenario.traffic().source(), scenario.stepCount(), scenario.step().toSeconds(), strategies,
                (long) scenario.stepCount() * strategies);
        System.out.printf(Locale.ROOT, "first replay (cold JVM): %.1f ms%n", coldNanos / 1e6);
        System.out.printf(Locale.ROOT, "warm replays (%d runs): median %.1f ms, min %.1f ms, max %.1f ms, %.2f us per step%n",
                runs, warm[runs / 2] / 1e6, warm[0] / 1e6, warm[runs - 1] / 1e6,
                warm[runs / 2] / 1e3 / ((double) scenario.stepCount() * strategies));
        // Each strategy alone, warm: which one the time goes to.
        for (int index = 0; index < strategies; index++) {
            long[] alone = new long[runs];
            String name = "";
            for (int i = 0; i < runs; i++) {
                Strategy strategy = StrategyLineup.standard(scenario, policy, OracleSizing.SLO).get(index);
                name = strategy.name();
                long start = System.nanoTime();
                Replay.run(scenario, java.util.List.of(strategy), ReplayProgress.NONE);
                alone[i] = System.nanoTime() - start;
            }
            Arrays.sort(alone);
            System.out.printf(Locale.ROOT, "  %-14s median %5.2f ms, %.2f us per step%n", name, alone[runs / 2] / 1e6,
                    alone[runs / 2] / 1e3 / scenario.stepCount());
        }
    }

    private static long timeOneReplay(ReplayScenario scenario, CostAwarePolicy policy) {
        long start = System.nanoTime();
        ReplayResult result = Replay.run(scenario, StrategyLineup.standard(scenario, policy, OracleSizing.SLO),
                ReplayProgress.NONE);
        long elapsed = System.nanoTime() - start;
        if (result.runs().isEmpty()) {
            throw new IllegalStateException("the replay produced no runs");
        }
        return elapsed;
    }
}
