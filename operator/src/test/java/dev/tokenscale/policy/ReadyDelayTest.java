package dev.tokenscale.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReadyDelayTest {

    private static final Instant T0 = Pools.NOW;

    @Test
    void theEstimateIsTheMedianOfTheLastFiveDelaysFromTheLastScaleUpToTheRise() {
        ReadyDelay delay = ReadyDelay.NONE;
        assertThat(delay.estimate()).isEmpty();
        int[] seconds = {300, 120, 135, 150, 125, 130};
        for (int s : seconds) {
            delay = delay.readyRose(T0.plusSeconds(s), T0);
        }
        // The last five: 120, 135, 150, 125, 130; sorted 120, 125, 130, 135, 150.
        assertThat(delay.recent()).hasSize(5);
        assertThat(delay.estimate()).hasValue(Duration.ofSeconds(130));
    }

    @Test
    void aRiseWithoutAScaleUpOrMoreThanHalfAnHourAfterItMeasuresNothing() {
        assertThat(ReadyDelay.NONE.readyRose(T0, null).recent()).isEmpty();
        assertThat(ReadyDelay.NONE.readyRose(T0.plusSeconds(31 * 60), T0).recent()).isEmpty();
        assertThat(ReadyDelay.NONE.readyRose(T0, T0).recent()).isEmpty();
    }
}
