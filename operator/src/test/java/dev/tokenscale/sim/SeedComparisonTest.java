package dev.tokenscale.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tokenscale.cost.SavingsAnalysis;
import dev.tokenscale.cost.TrafficHour;
import dev.tokenscale.policy.CostAwarePolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * With the seed's assumptions (20 rps a replica, 8 GPUs at $2/GPU-h, no overhead, int(rps/20)+1
 * replicas) the simulator's fixed-peak and its oracle sized by the seed's rule are exactly the
 * seed's {@code cost_savings_analysis}: fixed and per-hour autoscaled daily cost.
 */
class SeedComparisonTest {

    private static final TrafficProfile SEED_DAY = BuiltInTraffic.SEED_DIURNAL.load();

    private static List<TrafficHour> hourlyPattern() {
        List<TrafficHour> pattern = new ArrayList<>();
        for (int hour = 0; hour < 24; hour++) {
            pattern.add(new TrafficHour(hour, SEED_DAY.rpsAt(hour * 3600)));
        }
        return pattern;
    }

    private static List<StrategySummary> simulate(int min, int max, Duration step) {
        ReplayScenario scenario = Scenarios.seed(SEED_DAY, min, max, step, Duration.ofSeconds(120));
        return Replay.run(scenario, StrategyLineup.standard(scenario, new CostAwarePolicy(), OracleSizing.SEED),
                ReplayProgress.NONE).summaries();
    }

    private static StrategySummary named(List<StrategySummary> summaries, String name) {
        return summaries.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "replicas {0}..{1} at {2} s steps")
    @CsvSource({
        // hand-computed: peak 190 rps -> 10 replicas x 8 GPUs x $2 x 24 h = $3,840; the 24 hours need
        // 132 replica-hours by int(rps/20)+1 -> $2,112 (45% saved), or 124 within [2, 8] -> $1,984.
        "1, 100, 3600, 3840, 2112, 45.0",
        "1, 100,   15, 3840, 2112, 45.0",
        "2,   8, 3600, 3840, 1984, 48.3333333333",
        "2,   8,   15, 3840, 1984, 48.3333333333",
    })
    void fixedPeakAndPerHourAutoscalingMatchTheSeedsCostSavingsAnalysis(int min, int max, long stepSeconds,
            double handFixed, double handAutoscaled, double handSavingsPercent) {
        List<StrategySummary> summaries = simulate(min, max, Duration.ofSeconds(stepSeconds));
        SavingsAnalysis seed = SavingsAnalysis.of(hourlyPattern(), 20, 8, 2.00, min, max);

        StrategySummary fixedPeak = named(summaries, FixedStrategy.PEAK);
        StrategySummary perHour = named(summaries, OracleStrategy.NAME);
        assertThat(fixedPeak.dailyCost()).isEqualTo(seed.fixedDailyCost()).isEqualTo(handFixed);
        assertThat(perHour.dailyCost()).isEqualTo(seed.autoscaledDailyCost()).isEqualTo(handAutoscaled);
        assertThat(perHour.savingsPercent()).isEqualTo(seed.savingsPercent()).isCloseTo(handSavingsPercent, within(1e-9));
    }

    @ParameterizedTest(name = "step {0} s")
    @CsvSource({"3600", "15"})
    void fixedAverageIsTheSeedsFiveReplicasForThisDay(long stepSeconds) {
        StrategySummary fixedAverage = named(simulate(1, 100, Duration.ofSeconds(stepSeconds)), FixedStrategy.AVERAGE);

        // mean 97.3 rps -> int(97.3 / 20) + 1 = 5 replicas -> 5 x 16 x 24 = $1,920, the seed's table.
        assertThat(fixedAverage.peakReplicas()).isEqualTo(5);
        assertThat(fixedAverage.dailyCost()).isEqualTo(1920);
        assertThat(fixedAverage.savingsPercent()).isEqualTo(50);
    }
}
