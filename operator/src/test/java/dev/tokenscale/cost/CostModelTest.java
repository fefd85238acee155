package dev.tokenscale.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every expected value here was worked out by hand from the seed's formulas; the working is in the comments. */
class CostModelTest {

    private static final double CENT_FRACTION = 1e-9;

    @Test
    void costPerTokenIsGpuCostPerSecondOverTokensPerSecond() {
        // $2.50/h / 3600 = 0.000694444 $/s; / 30 tok/s = 0.0000231481 $/token = $0.023 per 1K tokens
        assertThat(CostPerToken.of(2.50, 30)).isCloseTo(2.50 / 3600 / 30, within(CENT_FRACTION));
        assertThat(CostPerToken.of(2.50, 30) * 1000).isCloseTo(0.0231481, within(1e-7));
    }

    @Test
    void costPerTokenRefusesZeroThroughputInsteadOfDividingByZero() {
        assertThatThrownBy(() -> CostPerToken.of(2.0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tokensPerSecond");
    }

    @Test
    void detailedModelMatchesTheSeedsLlama70bExample() {
        // 8 GPUs x $2 = $16/h = 0.0044444 $/s; x 1.05 overhead = 0.0046667 $/s
        // effective throughput = 2000 x 0.70 = 1400 tok/s
        // per 1K = 0.0046667 / 1400 x 1000 = 0.0033333; per 1M = 3.3333
        // month = 0.0046667 x 2,592,000 s = $12,096; tokens = 1400 x 2,592,000 = 3,628.8 million
        DetailedCost cost = DetailedCost.of(8, 2.00, 2000, 70, DetailedCost.DEFAULT_OVERHEAD_PERCENT);

        assertThat(cost.effectiveThroughput()).isCloseTo(1400, within(1e-9));
        assertThat(cost.costPer1kTokens()).isCloseTo(0.0033333333, within(1e-9));
        assertThat(cost.costPer1mTokens()).isCloseTo(3.3333333333, within(1e-6));
        assertThat(cost.monthlyGpuCost()).isCloseTo(12096.0, within(1e-6));
        assertThat(cost.monthlyTokensMillions()).isCloseTo(3628.8, within(1e-6));
    }

    @Test
    void detailedModelRefusesZeroEffectiveThroughput() {
        assertThatThrownBy(() -> DetailedCost.of(8, 2.0, 2000, 0, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    static Stream<Arguments> seedSizing() {
        return Stream.of(
                arguments(0.0, 20.0, 1),
                arguments(19.9, 20.0, 1),
                arguments(20.0, 20.0, 2),
                arguments(150.0, 20.0, 8),
                arguments(45.0, 15.0, 4));
    }

    @ParameterizedTest(name = "{0} rps at {1} rps a replica needs {2}")
    @MethodSource("seedSizing")
    void sizesReplicasLikeTheSeedWithOneReplicaOfHeadroom(double rps, double rpsPerReplica, int replicas) {
        assertThat(ReplicasForLoad.of(rps, rpsPerReplica)).isEqualTo(replicas);
    }

    @Test
    void savingsAnalysisComparesFixedPeakWithHourlyScaling() {
        // 8h at 10 rps -> 1 replica, 10h at 150 rps -> 8, 6h at 60 rps -> 4; a replica-hour is 8 x $2 = $16.
        // fixed: peak 150 -> 8 replicas x $16 x 24 = $3,072
        // autoscaled: 8x1x16 + 10x8x16 + 6x4x16 = 128 + 1,280 + 384 = $1,792
        // savings $1,280 = 41.667%
        SavingsAnalysis analysis = SavingsAnalysis.of(day(10, 150, 60), 20, 8, 2.00, 1, 10);

        assertThat(analysis.fixedDailyCost()).isCloseTo(3072, within(1e-9));
        assertThat(analysis.autoscaledDailyCost()).isCloseTo(1792, within(1e-9));
        assertThat(analysis.dailySavings()).isCloseTo(1280, within(1e-9));
        assertThat(analysis.savingsPercent()).isCloseTo(41.6666667, within(1e-6));
    }

    @Test
    void savingsAnalysisKeepsEachHourWithinMinAndMax() {
        // min 2 lifts the night to 2 replicas; max 6 caps the day at 6.
        // autoscaled: 8x2x16 + 10x6x16 + 6x4x16 = 256 + 960 + 384 = $1,600; fixed still sized for the peak: $3,072
        SavingsAnalysis analysis = SavingsAnalysis.of(day(10, 150, 60), 20, 8, 2.00, 2, 6);

        assertThat(analysis.autoscaledDailyCost()).isCloseTo(1600, within(1e-9));
        assertThat(analysis.fixedDailyCost()).isCloseTo(3072, within(1e-9));
    }

    @Test
    void savingsAnalysisNeedsOnePointPerHour() {
        assertThatThrownBy(() -> SavingsAnalysis.of(day(10, 150, 60).subList(0, 23), 20, 8, 2.0, 1, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("24");
    }

    @Test
    void poolHourlyCostCountsEveryGpuAndTheOverhead() {
        // 4 replicas x 8 GPUs x $2 x 1.05 = $67.20
        PoolCost cost = new PoolCost(8, 2.00, 5);

        assertThat(cost.hourly(4)).isCloseTo(67.2, within(1e-9));
        assertThat(cost.hourly(0)).isZero();
    }

    @Test
    void costPerMillionTokensComesFromHourlyCostAndThroughput() {
        // 1 replica: $16.80/h = $0.0046667/s; at 2000 tok/s -> $2.3333 per million
        PoolCost cost = new PoolCost(8, 2.00, 5);

        assertThat(cost.perMillionTokens(1, 2000.0)).hasValueCloseTo(2.3333333, within(1e-6));
    }

    @Test
    void costPerMillionTokensIsAbsentWithoutThroughput() {
        PoolCost cost = new PoolCost(8, 2.00, 5);

        assertThat(cost.perMillionTokens(4, null)).isEmpty();
        assertThat(cost.perMillionTokens(4, 0.0)).isEmpty();
        assertThat(cost.perMillionTokens(4, Double.NaN)).isEmpty();
    }

    private static List<TrafficHour> day(double night, double day, double evening) {
        List<TrafficHour> pattern = new ArrayList<>();
        for (int hour = 0; hour < 24; hour++) {
            pattern.add(new TrafficHour(hour, hour < 8 ? night : hour < 18 ? day : evening));
        }
        return pattern;
    }
}
