package dev.tokenscale.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OracleStrategyTest {

    private static final Duration STEP = Duration.ofSeconds(15);

    private static List<Strategy> contenders(ReplayScenario scenario, long seed) {
        SeedHeadroomSizing seedSizing = new SeedHeadroomSizing(scenario.load().capacityRpsPerReplica());
        List<Strategy> strategies = new ArrayList<>(List.of(
                FixedStrategy.forPeak(scenario.traffic(), seedSizing),
                FixedStrategy.forAverage(scenario.traffic(), seedSizing),
                new OracleStrategy(scenario.traffic(), new SloSizing(scenario.load(), scenario.slo()),
                        scenario.settings().minReplicas(), scenario.settings().maxReplicas())));
        SloSizing sloSizing = new SloSizing(scenario.load(), scenario.slo());
        int sloPeak = sloSizing.replicasFor(scenario.traffic().peakRps(), 1, Integer.MAX_VALUE);
        strategies.add(Scenarios.scripted("fixed-for-slo-at-peak", sloPeak));
        Random random = new Random(seed);
        for (int n = 0; n < 2; n++) {
            strategies.add(paddedOracle("padded-oracle-" + n, scenario, sloSizing, random));
        }
        for (int n = 0; n < 6; n++) {
            int[] script = new int[scenario.stepCount()];
            int replicas = 1 + random.nextInt(12);
            for (int i = 0; i < script.length; i++) {
                if (random.nextInt(40) == 0) {
                    replicas = Math.max(1, Math.min(16, replicas + random.nextInt(7) - 3));
                }
                script[i] = replicas;
            }
            strategies.add(Scenarios.scripted("random-" + n, script));
        }
        return strategies;
    }

    /** Holds the oracle's count plus 0..2 spare replicas, with no cold start: never short, never cheaper. */
    private static Strategy paddedOracle(String name, ReplayScenario scenario, SloSizing sizing, Random random) {
        int[] script = new int[scenario.stepCount()];
        for (int i = 0; i < script.length; i++) {
            double rps = scenario.traffic().averageRps(scenario.stepStartMillis(i) / 1000.0, scenario.stepEndMillis(i) / 1000.0);
            script[i] = sizing.replicasFor(rps, 1, 20) + random.nextInt(3);
        }
        return Scenarios.scripted(name, false, script);
    }

    @Test
    void theOracleMeetsTheSloAtEveryStepWhenTheBoundsAllowIt() {
        ReplayScenario scenario = Scenarios.seed(BuiltInTraffic.SEED_DIURNAL.load(), 1, 20, STEP, Duration.ofSeconds(120));

        ReplayResult result = Replay.run(scenario, contenders(scenario, 1), ReplayProgress.NONE);

        assertThat(result.run(OracleStrategy.NAME).orElseThrow().summarize(0, Double.NaN).sloViolationMinutes()).isZero();
    }

    @Test
    void atEveryStepWhereAnyStrategyMetTheSloItHeldAtLeastTheOraclesReplicas() {
        ReplayScenario scenario = Scenarios.seed(BuiltInTraffic.SEED_DIURNAL.load(), 1, 20, STEP, Duration.ofSeconds(120));

        ReplayResult result = Replay.run(scenario, contenders(scenario, 2), ReplayProgress.NONE);
        int[] oracle = result.run(OracleStrategy.NAME).orElseThrow().replicas();
        double[] rps = result.rps();
        LoadModel probe = new LoadModel(scenario.load());
        int checkedSteps = 0;
        for (StrategyRun run : result.runs()) {
            int[] ready = run.readyReplicas();
            int[] held = run.replicas();
            for (int i = 0; i < rps.length; i++) {
                boolean metWithoutBacklog = scenario.slo().isMetBy(probe.observe(rps[i], ready[i], rps[i]));
                if (metWithoutBacklog) {
                    checkedSteps++;
                    assertThat(held[i]).as("%s at step %d", run.name(), i).isGreaterThanOrEqualTo(oracle[i]);
                }
            }
        }
        assertThat(checkedSteps).isGreaterThan(rps.length * 3);
    }

    @Test
    void theOracleCostsNoMoreThanAnyStrategyThatViolatesTheSloNoLonger() {
        for (long seed = 3; seed < 8; seed++) {
            ReplayScenario scenario = Scenarios.seed(BuiltInTraffic.SEED_DIURNAL.load(), 1, 20, STEP, Duration.ofSeconds(120));

            List<StrategySummary> summaries = Replay.run(scenario, contenders(scenario, seed), ReplayProgress.NONE).summaries();
            StrategySummary oracle = summaries.stream().filter(s -> s.name().equals(OracleStrategy.NAME)).findFirst().orElseThrow();

            assertThat(summaries)
                    .filteredOn(s -> s.sloViolationMinutes() <= oracle.sloViolationMinutes())
                    .hasSizeGreaterThanOrEqualTo(4)
                    .allSatisfy(s -> assertThat(s.dailyCost()).as(s.name()).isGreaterThanOrEqualTo(oracle.dailyCost()));
        }
    }

    @Test
    void theOracleStaysWithinThePoolsBoundsEvenWhenTheSloNeedsMore() {
        ReplayScenario scenario = Scenarios.seed(BuiltInTraffic.SEED_DIURNAL.load(), 3, 8, STEP, Duration.ZERO);

        StrategyRun oracle = Replay.run(scenario, List.of(new OracleStrategy(scenario.traffic(),
                new SloSizing(scenario.load(), scenario.slo()), 3, 8)), ReplayProgress.NONE).runs().get(0);

        assertThat(oracle.replicas()).contains(3, 8);
        assertThat(java.util.Arrays.stream(oracle.replicas()).min().orElseThrow()).isEqualTo(3);
        assertThat(java.util.Arrays.stream(oracle.replicas()).max().orElseThrow()).isEqualTo(8);
    }

    @Test
    void sloSizingPicksTheFewestReplicasWhoseSteadyStateMeetsBothLatencyTargets() {
        SloSizing sizing = new SloSizing(LoadModel.Params.seedDefaults(), new LatencySlo(500, 50));

        // TTFT = 150 / (1 - rho) <= 500 needs rho <= 0.7; TPOT = 20 (1 + 0.5 rho / (1 - rho)) <= 50 needs rho <= 0.75.
        assertThat(sizing.replicasFor(140, 1, 100)).isEqualTo(10);
        assertThat(sizing.replicasFor(140.5, 1, 100)).isEqualTo(11);
        assertThat(sizing.replicasFor(0, 2, 100)).isEqualTo(2);
        assertThat(sizing.replicasFor(1, 0, 100)).isEqualTo(1);
    }

    @Test
    void seedSizingKeepsOneReplicaOfHeadroomAsTheSeedDoes() {
        SeedHeadroomSizing sizing = new SeedHeadroomSizing(20);

        assertThat(sizing.replicasFor(0, 1, 100)).isEqualTo(1);
        assertThat(sizing.replicasFor(19.9, 1, 100)).isEqualTo(1);
        assertThat(sizing.replicasFor(20, 1, 100)).isEqualTo(2);
        assertThat(sizing.replicasFor(190, 1, 100)).isEqualTo(10);
        assertThat(sizing.replicasFor(190, 1, 6)).isEqualTo(6);
        assertThat(sizing.replicasFor(10, 3, 6)).isEqualTo(3);
    }
}
