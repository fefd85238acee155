package dev.tokenscale.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapacityDriftTest {

    private static final double HOUR = 3600;

    @Test
    void withoutDriftEveryReplicaServesItsNominalCapacityAllDay() {
        CapacityDrift none = new CapacityDrift(ReplayConditions.NONE);

        for (double t = 0; t < 86_400; t += 600) {
            assertThat(none.factorAt(t)).isEqualTo(1);
        }
    }

    @Test
    void twentyPercentDriftStaysWithinTwentyPercentAndIsLowestAtNightHighestInTheAfternoon() {
        for (long seed = 1; seed <= 20; seed++) {
            CapacityDrift drift = new CapacityDrift(new ReplayConditions(0, 20, seed));
            double min = Double.MAX_VALUE;
            double max = -Double.MAX_VALUE;
            for (double t = 0; t < 86_400; t += 60) {
                min = Math.min(min, drift.factorAt(t));
                max = Math.max(max, drift.factorAt(t));
            }
            assertThat(min).isGreaterThanOrEqualTo(0.8);
            assertThat(max).isLessThanOrEqualTo(1.2);
            assertThat(max - min).as("seed %d wanders", seed).isGreaterThan(0.2);
            // The daily swing (0.6 of the amplitude) outweighs the wander (at most 0.4) at its extremes.
            assertThat(drift.factorAt(3 * HOUR)).as("seed %d at 03:00", seed).isLessThanOrEqualTo(1 - 0.2 * 0.2);
            assertThat(drift.factorAt(15 * HOUR)).as("seed %d at 15:00", seed).isGreaterThanOrEqualTo(1 + 0.2 * 0.2);
        }
    }

    @Test
    void theSeedDecidesTheWanderSoARunRepeatsExactly() {
        CapacityDrift first = new CapacityDrift(new ReplayConditions(0, 20, 5));
        CapacityDrift again = new CapacityDrift(new ReplayConditions(0, 20, 5));
        CapacityDrift other = new CapacityDrift(new ReplayConditions(0, 20, 6));

        assertThat(again.factorAt(12_345)).isEqualTo(first.factorAt(12_345));
        assertThat(other.factorAt(12_345)).isNotEqualTo(first.factorAt(12_345));
    }

    @Test
    void aFixedPoolSizedForNominalCapacityMissesTheSloWhenCapacitySinksButTheOracleAndFixedSloDoNot() {
        // 60 rps all day: 5 replicas run at ρ = 0.6 nominally and hold a 500 ms TTFT; with capacity 30%
        // lower at night, they run near ρ = 0.86 there and miss it.
        TrafficProfile flat = Scenarios.traffic("seconds,rps\n0,60\n86400,0\n");
        ReplayScenario drifting = Scenarios.seed(flat, 1, 20, Duration.ofMinutes(1), Duration.ofMinutes(2))
                .with(new ReplayConditions(0, 30, 1));
        Strategy oracle = new OracleStrategy(flat, new SloSizing(drifting.load(), drifting.slo()), 1, 20,
                new CapacityDrift(drifting.conditions()));

        List<StrategySummary> rows = Replay.run(drifting,
                List.of(Scenarios.scripted("five", 5), oracle, FixedStrategy.forSlo(drifting)), ReplayProgress.NONE).summaries();

        assertThat(rows.get(0).sloViolationMinutes()).isPositive();
        assertThat(rows.get(1).sloViolationMinutes()).isZero();
        assertThat(rows.get(1).scaleEvents()).as("the oracle follows the drift").isPositive();
        assertThat(rows.get(2).sloViolationMinutes()).isZero();
        assertThat(rows.get(2).peakReplicas()).isGreaterThan(5);
    }
}
