package dev.tokenscale.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenscale.policy.CostAwarePolicy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PredictiveStrategyTest {

    private static ReplayScenario seedDayAfterADayOfHistory(Duration coldStart) {
        TrafficProfile day = BuiltInTraffic.SEED_DIURNAL.load();
        return Scenarios.seed(day, 2, 16, Duration.ofSeconds(15), coldStart).with(TrafficHistory.split(day, 1));
    }

    @Test
    void itLearnsItsLeadTimeFromTheReplaysOwnColdStartsNotFromTheScenario() {
        ReplayScenario scenario = seedDayAfterADayOfHistory(Duration.ofMinutes(3));
        PredictiveStrategy predictive = new PredictiveStrategy(new CostAwarePolicy(), scenario.settings(),
                scenario.step(), 3, scenario.stepCount());

        Replay.run(scenario, List.of(predictive), ReplayProgress.NONE);

        assertThat(predictive.learnedColdStart()).as("ordered at a step start, ready 12 steps later")
                .isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void onTheSeedDayItOrdersAheadOfEachHourlyRiseAndHoldsTheSloWhereAdaptiveMissesIt() {
        ReplayScenario scenario = seedDayAfterADayOfHistory(Duration.ofMinutes(2));

        List<StrategySummary> rows = Replay.run(scenario,
                StrategyLineup.standard(scenario, new CostAwarePolicy(), OracleSizing.SLO), ReplayProgress.NONE).summaries();

        StrategySummary predictive = named(rows, PredictiveStrategy.NAME);
        StrategySummary adaptive = named(rows, AdaptiveStrategy.NAME);
        StrategySummary oracle = named(rows, OracleStrategy.NAME);
        assertThat(adaptive.sloViolationMinutes()).isPositive();
        assertThat(predictive.sloViolationMinutes()).isLessThanOrEqualTo(oracle.sloViolationMinutes() + 3);
        assertThat(predictive.dailyCost()).as("issue 11's target").isLessThanOrEqualTo(1.06 * oracle.dailyCost());
    }

    @Test
    void itsForecastAtEachScoredStepIsKeptForTheChart() {
        ReplayScenario scenario = seedDayAfterADayOfHistory(Duration.ofMinutes(2));
        PredictiveStrategy predictive = new PredictiveStrategy(new CostAwarePolicy(), scenario.settings(),
                scenario.step(), 3, scenario.stepCount());

        Replay.run(scenario, List.of(predictive), ReplayProgress.NONE);

        double[] forecast = predictive.forecastRps();
        assertThat(forecast).hasSize(scenario.stepCount());
        // At 13:58 the next two minutes and a step reach into 14:00, when the day peaks at 190 rps.
        int beforePeak = (13 * 3600 + 58 * 60) / 15;
        assertThat(forecast[beforePeak]).isEqualTo(190, org.assertj.core.api.Assertions.within(2.0));
        assertThat(predictive.forecastUpperRps()[beforePeak]).isGreaterThanOrEqualTo(forecast[beforePeak]);
    }

    private static StrategySummary named(List<StrategySummary> rows, String name) {
        return rows.stream().filter(row -> row.name().equals(name)).findFirst().orElseThrow();
    }
}
