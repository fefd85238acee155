package dev.tokenscale.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenscale.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CompressedClockTest {

    @Test
    void aDayInTwoMinutesRunsSevenHundredTwentyTimesFasterFromTheChosenStart() {
        MutableClock real = MutableClock.at("2030-05-05T12:00:00Z");
        CompressedClock day = new CompressedClock(real, Instant.parse("2026-01-01T00:00:00Z"), 86_400.0 / 120);

        real.advance(Duration.ofSeconds(5));
        assertThat(day.instant()).as("not started yet").isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        day.start();
        real.advance(Duration.ofSeconds(1));
        assertThat(day.instant()).isEqualTo(Instant.parse("2026-01-01T00:12:00Z"));
        real.advance(Duration.ofSeconds(119));
        assertThat(day.instant()).isEqualTo(Instant.parse("2026-01-02T00:00:00Z"));
        assertThat(day.realDuration(Duration.ofMinutes(12))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void refusesAFactorThatStopsOrReversesTime() {
        assertThatThrownBy(() -> new CompressedClock(MutableClock.at("2030-05-05T12:00:00Z"), Instant.EPOCH, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("factor");
    }
}
