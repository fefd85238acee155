package dev.tokenscale.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tokenscale.policy.CostAwarePolicy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FixedSloStrategyTest {

    private static final Duration STEP = Duration.ofSeconds(15);

    private static StrategySummary fixed(ReplayScenario scenario, int replicas) {
        return Replay.run(scenario, List.of(Scenarios.scripted("fixed-" + replicas, replicas)), ReplayProgress.NONE)
                .summaries().get(0);
    }

    @Test
    void holdsTheFewestReplicasThatMeetTheSloAllDayWhereOneFewerMissesIt() {
        // 100 rps: the 500 ms TTFT holds up to ρ = 0.70, so 100 / (n × 20) <= 0.7 needs n = 8 (ρ = 0.625);
        // 7 replicas run at 0.714 and miss it. The quiet hour needs far fewer, but the pool is fixed.
        ReplayScenario scenario = Scenarios.seed(Scenarios.traffic("seconds,rps\n0,10\n3600,100\n7200,10\n10800,0\n"),
                1, 20, STEP, Duration.ofMinutes(2));

        FixedStrategy fixedSlo = FixedStrategy.forSlo(scenario);

        assertThat(fixedSlo.name()).isEqualTo("fixed-slo");
        assertThat(fixedSlo.initialReplicas()).isEqualTo(8);
        assertThat(fixed(scenario, 8).sloViolationMinutes()).isZero();
        assertThat(fixed(scenario, 7).sloViolationMinutes()).isEqualTo(60);
    }

    @Test
    void holdsThePoolsMaxWhenNoFixedCountWithinTheBoundsMeetsTheSlo() {
        ReplayScenario scenario = Scenarios.seed(Scenarios.traffic("seconds,rps\n0,100\n3600,0\n"), 1, 5, STEP, Duration.ZERO);

        assertThat(FixedStrategy.forSlo(scenario).initialReplicas()).isEqualTo(5);
    }

    @Test
    void neverHoldsFewerThanThePoolsMin() {
        ReplayScenario scenario = Scenarios.seed(Scenarios.traffic("seconds,rps\n0,1\n3600,0\n"), 3, 10, STEP, Duration.ZERO);

        assertThat(FixedStrategy.forSlo(scenario).initialReplicas()).isEqualTo(3);
    }

    @Test
    void everyStrategyReportsItsSavingsAgainstFixedSloBesidesFixedPeak() {
        ReplayScenario scenario = Scenarios.seed(BuiltInTraffic.SEED_DIURNAL.load(), 2, 16, STEP, Duration.ofMinutes(2));

        List<StrategySummary> rows = Replay.run(scenario,
                StrategyLineup.standard(scenario, new CostAwarePolicy(), OracleSizing.SLO), ReplayProgress.NONE).summaries();

        StrategySummary fixedSlo = named(rows, FixedStrategy.SLO);
        StrategySummary oracle = named(rows, OracleStrategy.NAME);
        assertThat(fixedSlo.sloViolationMinutes()).isZero();
        assertThat(fixedSlo.peakReplicas()).as("190 rps at ρ <= 0.70 takes 14 replicas").isEqualTo(14);
        assertThat(fixedSlo.savingsVsFixedSloPercent()).isZero();
        assertThat(oracle.savingsVsFixedSloPercent())
                .isCloseTo((1 - oracle.dailyCost() / fixedSlo.dailyCost()) * 100, within(1e-9))
                .isPositive();
        assertThat(named(rows, FixedStrategy.PEAK).sloViolationMinutes())
                .as("the seed's fixed-peak is not a pool that holds the SLO").isPositive();
    }

    private static StrategySummary named(List<StrategySummary> rows, String name) {
        return rows.stream().filter(row -> row.name().equals(name)).findFirst().orElseThrow();
    }
}
