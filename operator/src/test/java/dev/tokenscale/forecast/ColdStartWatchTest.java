package dev.tokenscale.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenscale.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColdStartWatchTest {

    private final MutableClock clock = MutableClock.at("2026-03-02T08:00:00Z");

    @Test
    void aColdStartRunsFromTheScaleWriteToTheMomentAllOrderedReplicasAreReady() {
        ColdStartWatch watch = new ColdStartWatch(null);
        watch.ordered(clock.instant(), 4);
        clock.advance(Duration.ofSeconds(60));
        assertThat(watch.observe(clock.instant(), 4, 3)).as("one of the two new replicas is still loading").isEmpty();
        clock.advance(Duration.ofSeconds(35));

        assertThat(watch.observe(clock.instant(), 4, 4)).contains(Duration.ofSeconds(95));
        assertThat(watch.samples()).isEqualTo(1);
        assertThat(watch.pending()).isFalse();
        clock.advance(Duration.ofSeconds(30));
        assertThat(watch.observe(clock.instant(), 4, 4)).as("measured once").isEmpty();
    }

    @Test
    void untilThreeAreMeasuredTheHintOrTwoMinutesIsTheLeadTimeThenTheNinetiethPercentile() {
        ColdStartWatch hinted = new ColdStartWatch(Duration.ofMinutes(4));
        ColdStartWatch plain = new ColdStartWatch(null);
        for (int seconds : new int[] {80, 90, 200}) {
            for (ColdStartWatch watch : List.of(hinted, plain)) {
                assertThat(watch.estimate()).isEqualTo(watch == hinted ? Duration.ofMinutes(4) : Duration.ofSeconds(120));
                watch.ordered(clock.instant(), 3);
            }
            clock.advance(Duration.ofSeconds(seconds));
            hinted.observe(clock.instant(), 3, 3);
            plain.observe(clock.instant(), 3, 3);
        }

        assertThat(hinted.estimate()).as("p90 of 80, 90, 200 by nearest rank").isEqualTo(Duration.ofSeconds(200));
        assertThat(plain.estimate()).isEqualTo(Duration.ofSeconds(200));
    }

    @Test
    void aSecondScaleUpBeforeTheFirstIsReadyRestartsTheMeasureForTheReplicasStillStarting() {
        ColdStartWatch watch = new ColdStartWatch(null);
        watch.ordered(clock.instant(), 3);
        clock.advance(Duration.ofSeconds(40));
        watch.observe(clock.instant(), 3, 2);
        watch.ordered(clock.instant(), 5);
        clock.advance(Duration.ofSeconds(50));
        assertThat(watch.observe(clock.instant(), 5, 3)).as("three ready is not the five ordered").isEmpty();
        clock.advance(Duration.ofSeconds(70));

        assertThat(watch.observe(clock.instant(), 5, 5)).contains(Duration.ofSeconds(120));
    }

    @Test
    void aScaleDownBelowTheOrderedCountDropsTheMeasureSinceThatCountWillNeverBeReady() {
        ColdStartWatch watch = new ColdStartWatch(null);
        watch.ordered(clock.instant(), 6);
        clock.advance(Duration.ofSeconds(30));
        watch.observe(clock.instant(), 4, 4);
        clock.advance(Duration.ofSeconds(300));

        assertThat(watch.observe(clock.instant(), 6, 6)).isEmpty();
        assertThat(watch.samples()).isZero();
    }

    @Test
    void aWatchRestoredFromItsStoreKeepsTheRecentColdStartsAndTheirCount() {
        ColdStartWatch restored = new ColdStartWatch(null,
                List.of(Duration.ofSeconds(100), Duration.ofSeconds(110), Duration.ofSeconds(300)), 41);

        assertThat(restored.samples()).isEqualTo(41);
        assertThat(restored.recent()).containsExactly(Duration.ofSeconds(100), Duration.ofSeconds(110), Duration.ofSeconds(300));
        assertThat(restored.estimate()).isEqualTo(Duration.ofSeconds(300));
    }
}
