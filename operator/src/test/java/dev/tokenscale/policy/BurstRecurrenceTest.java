package dev.tokenscale.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Bursts and the hold for them, from hand-computed values, 15 s apart on a stepped clock. */
class BurstRecurrenceTest {

    private static final Instant T0 = Pools.NOW;
    private static final Duration STEP = Duration.ofSeconds(15);
    private static final Duration READY_DELAY = Duration.ofSeconds(135);

    private Instant now = T0;
    private BurstRecurrence seen = BurstRecurrence.NONE;

    /** One evaluation 15 s after the last, on 5 ready replicas; a queue or a breach makes it costly. */
    private void see(double rate, double utilization, double queue, boolean breach) {
        seen = seen.observe(now, OptionalDouble.of(rate), 5, OptionalDouble.of(utilization), OptionalDouble.of(queue),
                breach || queue >= 5, queue >= 5, READY_DELAY);
        now = now.plus(STEP);
    }

    private static BurstRecurrence.Burst burst(Instant start, double work) {
        return new BurstRecurrence.Burst(start, work, Duration.ofMinutes(1), start.plusSeconds(120));
    }

    @Test
    void aJumpToThreeTimesTheLastRateThatFallsBackAndDrainsIsABurstWithItsWorkInReplicaSeconds() {
        see(1, 1, 0, false);
        see(200, 100, 2000, true); // the jump: 5 x 100% x 15 s = 75
        see(200, 100, 4000, true); // 150
        see(1, 100, 2500, true); // fell back 30 s after the jump; 225
        see(1, 100, 1000, true); // 300
        assertThat(seen.bursts()).as("the queue is still draining").isEmpty();
        see(1, 60, 0, false); // drained: 5 x 60% x 15 s = 45 more

        assertThat(seen.bursts()).hasSize(1);
        BurstRecurrence.Burst burst = seen.bursts().get(0);
        assertThat(burst.start()).isEqualTo(T0.plus(STEP));
        assertThat(burst.workReplicaSeconds()).isCloseTo(345, within(1e-9));
        assertThat(burst.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(seen.current()).isNull();
    }

    @Test
    void aJumpOfLessThanThreeTimesOrFromBelowOneRequestPerSecondToUnderThreeIsNoBurst() {
        see(10, 10, 0, false);
        see(29, 60, 0, true);
        assertThat(seen.current()).isNull();
        see(0.1, 1, 0, false);
        see(2.9, 10, 0, true);
        assertThat(seen.current()).as("jumps are measured from at least 1 rps").isNull();
    }

    @Test
    void aJumpThatStaysUpLongerThanTheReadyDelayIsDemandToSizeForNotABurst() {
        see(1, 1, 0, false);
        for (int i = 0; i < 11; i++) { // 165 s up, beyond the 135 s ready delay
            see(200, 100, 1000, true);
        }
        see(1, 50, 0, false);
        assertThat(seen.bursts()).isEmpty();
        assertThat(seen.current()).isNull();
    }

    @Test
    void aJumpThatNeverCostTheSloIsNotRemembered() {
        see(1, 1, 0, false);
        see(50, 50, 0, false);
        see(1, 1, 0, false);
        assertThat(seen.bursts()).isEmpty();
    }

    @Test
    void theNextBurstDuringADrainEndsThePreviousOneWithTheWorkServedSoFar() {
        see(1, 1, 0, false);
        see(200, 100, 2000, true); // 75
        see(1, 100, 1000, true); // fell back; 150
        see(200, 100, 3000, true); // the next: the first ends at 150, the next starts with this step's 75

        assertThat(seen.bursts()).hasSize(1);
        assertThat(seen.bursts().get(0).workReplicaSeconds()).isCloseTo(150, within(1e-9));
        assertThat(seen.bursts().get(0).end()).isEqualTo(T0.plus(STEP.multipliedBy(3)));
        assertThat(seen.current().start()).isEqualTo(T0.plus(STEP.multipliedBy(3)));
        assertThat(seen.current().workReplicaSeconds()).isCloseTo(75, within(1e-9));
    }

    @Test
    void twoBurstsWithinThreeMedianGapsHoldTheMedianWorkSpreadOverTheReadyDelay() {
        // Of two, the median is the larger one.
        BurstRecurrence two = new BurstRecurrence(List.of(burst(T0, 600), burst(T0.plusSeconds(480), 660)), null, null,
                Double.NaN, Double.NaN);
        // ceil(660 / 135) = ceil(4.89) = 5, until 3 x the 8 min gap after the last burst (8 + 24 = 32 min).
        assertThat(two.hold(T0.plusSeconds(600), READY_DELAY)).hasValue(5);
        assertThat(two.hold(T0.plusSeconds(32 * 60), READY_DELAY)).hasValue(5);
        assertThat(two.hold(T0.plusSeconds(32 * 60 + 1), READY_DELAY)).as("bursts stopped").isEmpty();
        // ceil(660 / 120) = ceil(5.5) = 6
        assertThat(two.hold(T0.plusSeconds(600), Duration.ofSeconds(120))).hasValue(6);
        // Works 600, 1500 and 500: the median 600 sets the hold, ceil(600 / 135) = 5, not the double burst's 1500.
        BurstRecurrence three = new BurstRecurrence(List.of(burst(T0, 600), burst(T0.plusSeconds(480), 1500),
                burst(T0.plusSeconds(960), 500)), null, null, Double.NaN, Double.NaN);
        assertThat(three.hold(T0.plusSeconds(1000), READY_DELAY)).hasValue(5);
    }

    @Test
    void oneBurstOrTwoFarApartHoldNothing() {
        BurstRecurrence one = new BurstRecurrence(List.of(burst(T0, 600)), null, null, Double.NaN, Double.NaN);
        assertThat(one.hold(T0.plusSeconds(60), READY_DELAY)).isEmpty();
        // Gaps 8, 8 and 60 min: the median is 8, and the last two are 60 min apart, beyond 3 x 8.
        BurstRecurrence apart = new BurstRecurrence(List.of(burst(T0, 600), burst(T0.plusSeconds(480), 600),
                burst(T0.plusSeconds(960), 600), burst(T0.plusSeconds(960 + 3600), 600)), null, null, Double.NaN, Double.NaN);
        assertThat(apart.medianGap()).isEqualTo(Duration.ofMinutes(8));
        assertThat(apart.hold(T0.plusSeconds(960 + 3600 + 60), READY_DELAY)).isEmpty();
    }

    @Test
    void aBurstIsAbsorbedUntilTheReadyDelayOrWhileItsQueueDrainsBeforeAReplicaOrderedNowWouldServe() {
        see(1, 1, 0, false);
        see(200, 100, 2000, true);
        assertThat(seen.absorbing(now.minus(STEP), READY_DELAY)).as("just began").isTrue();
        for (int i = 0; i < 9; i++) {
            see(200, 100, 2000, true);
        }
        assertThat(seen.absorbing(now.minus(STEP), READY_DELAY)).as("135 s since it began").isTrue();
        see(1, 100, 1800, true); // fell back 150 s after it began; 200 drained in 15 s: 1800 more take 135 s
        assertThat(seen.absorbing(now.minus(STEP), READY_DELAY)).isTrue();
        see(1, 100, 1700, true); // 100 in 15 s: 1700 take 255 s, beyond the ready delay
        assertThat(seen.absorbing(now.minus(STEP), READY_DELAY)).isFalse();
    }

    @Test
    void theEvaluationThatSeesABurstsQueueDrainedStillAbsorbsIt() {
        see(1, 1, 0, false);
        see(200, 100, 2000, true);
        see(1, 100, 0, false);
        assertThat(seen.bursts()).hasSize(1);
        assertThat(seen.absorbing(now.minus(STEP), READY_DELAY)).isTrue();
        assertThat(seen.absorbing(now, READY_DELAY)).isFalse();
    }
}
