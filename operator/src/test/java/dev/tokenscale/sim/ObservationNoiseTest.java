package dev.tokenscale.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ObservationNoiseTest {

    private static final LoadModel.Observation HALF_BUSY = new LoadModel(LoadModel.Params.seedDefaults()).observe(50, 5, 50);

    @Test
    void withoutNoiseTheObservationIsExact() {
        ObservationNoise none = new ObservationNoise(ReplayConditions.NONE);

        assertThat(none.apply(HALF_BUSY)).isSameAs(HALF_BUSY);
    }

    @Test
    void tenPercentNoiseScattersUtilizationAndRequestRateWithATenPercentSpreadAroundTheTruth() {
        ObservationNoise noise = new ObservationNoise(new ReplayConditions(10, 0, 42));
        int draws = 20_000;
        double sumUtilization = 0;
        double sumSquaredUtilization = 0;
        double sumRate = 0;
        double sumSquaredRate = 0;
        for (int i = 0; i < draws; i++) {
            LoadModel.Observation seen = noise.apply(HALF_BUSY);
            double utilization = seen.utilization() / HALF_BUSY.utilization();
            double rate = seen.arrivalRps() / HALF_BUSY.arrivalRps();
            sumUtilization += utilization;
            sumSquaredUtilization += utilization * utilization;
            sumRate += rate;
            sumSquaredRate += rate * rate;
            assertThat(seen.servedRps() / HALF_BUSY.servedRps()).as("one factor for the window's counters").isCloseTo(rate, within(1e-12));
            assertThat(seen.tokensPerSecond() / HALF_BUSY.tokensPerSecond()).isCloseTo(rate, within(1e-12));
        }
        double meanUtilization = sumUtilization / draws;
        double meanRate = sumRate / draws;
        assertThat(meanUtilization).isCloseTo(1, within(0.005));
        assertThat(meanRate).isCloseTo(1, within(0.005));
        assertThat(Math.sqrt(sumSquaredUtilization / draws - meanUtilization * meanUtilization)).isCloseTo(0.1, within(0.005));
        assertThat(Math.sqrt(sumSquaredRate / draws - meanRate * meanRate)).isCloseTo(0.1, within(0.005));
    }

    @Test
    void latencyAndQueueStayExactBecauseTheSloIsJudgedOnThem() {
        LoadModel.Observation seen = new ObservationNoise(new ReplayConditions(30, 0, 1)).apply(HALF_BUSY);

        assertThat(seen.ttftP99Ms()).isEqualTo(HALF_BUSY.ttftP99Ms());
        assertThat(seen.tpotP99Ms()).isEqualTo(HALF_BUSY.tpotP99Ms());
        assertThat(seen.queueDepth()).isEqualTo(HALF_BUSY.queueDepth());
        assertThat(seen.servingReplicas()).isEqualTo(5);
    }

    @Test
    void observedUtilizationNeverReadsAboveAFullPoolOrBelowAnEmptyOne() {
        LoadModel.Observation full = new LoadModel(LoadModel.Params.seedDefaults()).observe(100, 5, 100);
        ObservationNoise noise = new ObservationNoise(new ReplayConditions(100, 0, 3));

        for (int i = 0; i < 1_000; i++) {
            LoadModel.Observation seen = noise.apply(full);
            assertThat(seen.utilization()).isBetween(0.0, 1.0);
            assertThat(seen.arrivalRps()).isNotNegative();
        }
    }

    @Test
    void theSameSeedGivesTheSameNoiseAndAnotherSeedOther() {
        ObservationNoise first = new ObservationNoise(new ReplayConditions(10, 0, 7));
        ObservationNoise again = new ObservationNoise(new ReplayConditions(10, 0, 7));
        ObservationNoise other = new ObservationNoise(new ReplayConditions(10, 0, 8));

        LoadModel.Observation a = first.apply(HALF_BUSY);
        assertThat(again.apply(HALF_BUSY)).isEqualTo(a);
        assertThat(other.apply(HALF_BUSY)).isNotEqualTo(a);
    }
}
