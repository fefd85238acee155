package dev.tokenscale.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceGeneratorTest {

    /** Where the README points {@code simulate --traffic} at, relative to the operator module. */
    private static final Path SHIPPED = Path.of("..", "examples", "traces");

    @TempDir
    Path dir;

    private static TrafficProfile shipped(String name) {
        return TrafficCsv.read(SHIPPED.resolve(name));
    }

    @Test
    void theShippedTracesAreExactlyWhatTheGeneratorWritesSoTheyCanBeRegenerated() throws IOException {
        TraceGenerator.writeAll(dir);

        for (String name : List.of(TraceGenerator.FLASH_CROWD, TraceGenerator.NOISY_DAY, TraceGenerator.BURSTY_HOUR,
                TraceGenerator.WEEK)) {
            assertThat(Files.readString(SHIPPED.resolve(name)))
                    .as("%s differs from the generator's; regenerate with TraceGenerator examples/traces", name)
                    .isEqualTo(Files.readString(dir.resolve(name)));
            assertThat(Files.size(SHIPPED.resolve(name))).as("small enough to ship").isLessThan(40_000);
        }
    }

    @Test
    void theFlashCrowdTriplesTheLoadWithinTwoMinutesOnTheSecondDayOnlyAndThenFallsBack() {
        TrafficProfile crowd = shipped(TraceGenerator.FLASH_CROWD);
        double day = 86_400;
        double start = day + 7 * 3600 + 20 * 60;

        assertThat(crowd.lengthSeconds()).isEqualTo(2 * day);
        assertThat(crowd.rpsAt(start - 1)).isEqualTo(60);
        assertThat(crowd.rpsAt(start + 119)).isEqualTo(180);
        assertThat(crowd.rpsAt(start + 20 * 60)).isEqualTo(180);
        assertThat(crowd.rpsAt(start + 24 * 60)).as("back within two minutes of the fall").isEqualTo(60);
        assertThat(crowd.rpsAt(start - day + 119)).as("the first day, the forecast's history, has no crowd").isEqualTo(60);
        assertThat(crowd.peakRps()).isEqualTo(190);
    }

    @Test
    void theBurstyHourJumpsMinuteByMinuteBetweenNearZeroAndTenTimesItsMean() {
        TrafficProfile bursty = shipped(TraceGenerator.BURSTY_HOUR);
        double mean = bursty.meanRps();
        int bursts = 0;

        for (int minute = 0; minute < 60; minute++) {
            double rps = bursty.rpsAt(minute * 60);
            assertThat(rps <= 2 || rps >= 9 * mean).as("minute %d at %s rps, mean %s", minute, rps, mean).isTrue();
            bursts += rps >= 9 * mean ? 1 : 0;
        }
        assertThat(bursts).isEqualTo(6);
        assertThat(mean).isCloseTo(20, within(2.0));
    }

    @Test
    void theNoisyDayJittersAboutTwelvePercentAroundTheSeedShape() {
        TrafficProfile noisy = shipped(TraceGenerator.NOISY_DAY);
        double sum = 0;
        double sumSquares = 0;
        int minutes = 1440;

        for (int minute = 0; minute < minutes; minute++) {
            double ratio = noisy.rpsAt(minute * 60) / (0.8 * TraceGenerator.seedDayAt(minute * 60));
            sum += ratio;
            sumSquares += ratio * ratio;
        }
        double mean = sum / minutes;
        assertThat(mean).isCloseTo(1, within(0.02));
        assertThat(Math.sqrt(sumSquares / minutes - mean * mean)).isCloseTo(0.12, within(0.01));
        assertThat(noisy.peakRps()).as("within the example pool's 16 replicas at the SLO").isLessThan(16 * 20 * 0.7);
    }

    @Test
    void theWeekHasFiveWeekdaysAndAWeekendAtSixtyPercent() {
        TrafficProfile week = shipped(TraceGenerator.WEEK);
        double day = 86_400;

        assertThat(week.lengthSeconds()).isEqualTo(7 * day);
        double monday = week.averageRps(0, day);
        double friday = week.averageRps(4 * day, 5 * day);
        double sunday = week.averageRps(6 * day, 7 * day);
        assertThat(friday / monday).isCloseTo(1, within(0.02));
        assertThat(sunday / monday).isCloseTo(0.6, within(0.02));
    }
}
