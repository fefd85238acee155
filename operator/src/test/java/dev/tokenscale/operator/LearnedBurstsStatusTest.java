package dev.tokenscale.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenscale.api.LearnedBurst;
import dev.tokenscale.api.LearnedStatus;
import dev.tokenscale.policy.BurstRecurrence;
import dev.tokenscale.policy.ReadyDelay;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** status.learned.recentBursts and the cold starts: what a restarted operator reads back to go on holding for bursts. */
class LearnedBurstsStatusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void burstsWrittenToStatusReadBackAsTheSameBurstsAfterAPassThroughJson() throws Exception {
        List<BurstRecurrence.Burst> bursts = List.of(
                new BurstRecurrence.Burst(T0, 600.5, Duration.ofSeconds(60), T0.plusSeconds(135)),
                new BurstRecurrence.Burst(T0.plusSeconds(480), 660, Duration.ofSeconds(75), T0.plusSeconds(600)));
        LearnedStatus kept = new LearnedStatus();
        kept.setCapacityRequestsPerSecond(20.0);

        LearnedStatus written = LearnedStatusMapping.withBursts(kept, bursts);
        LearnedStatus read = JSON.readValue(JSON.writeValueAsString(written), LearnedStatus.class);

        assertThat(LearnedStatusMapping.bursts(read)).isEqualTo(bursts);
        assertThat(read.getCapacityRequestsPerSecond()).as("the rest of status.learned is kept").isEqualTo(20.0);
        assertThat(read.getRecentBursts().get(0).getStart()).isEqualTo("2026-01-01T12:00:00Z");
        assertThat(kept.getRecentBursts()).as("the informer's copy is not changed").isNull();
    }

    @Test
    void noBurstsLeaveTheFieldUnsetAndNothingToWriteWhenNothingElseWasLearned() {
        assertThat(LearnedStatusMapping.withBursts(null, List.of())).isNull();
        LearnedStatus kept = new LearnedStatus();
        kept.setSamples(3L);
        assertThat(LearnedStatusMapping.withBursts(kept, List.of()).getRecentBursts()).isNull();
    }

    @Test
    void aBurstThatCannotBeReadDropsThemAllSoThePoolSeesBurstsAfresh() {
        LearnedStatus edited = new LearnedStatus();
        edited.setRecentBursts(List.of(burst("2026-01-01T12:00:00Z", "2026-01-01T12:02:00Z", 60.0, 600.0),
                burst("2026-01-01T12:10:00Z", "2026-01-01T12:09:00Z", 60.0, 600.0)));

        assertThat(LearnedStatusMapping.bursts(edited)).as("ends before it starts").isEmpty();
        edited.setRecentBursts(List.of(burst("yesterday", "2026-01-01T12:02:00Z", 60.0, 600.0)));
        assertThat(LearnedStatusMapping.bursts(edited)).isEmpty();
        edited.setRecentBursts(List.of(burst("2026-01-01T12:00:00Z", "2026-01-01T12:02:00Z", 60.0, -1.0)));
        assertThat(LearnedStatusMapping.bursts(edited)).as("negative work").isEmpty();
        edited.setRecentBursts(List.of(burst("2026-01-01T12:00:00Z", "2026-01-01T12:02:00Z", null, 600.0)));
        assertThat(LearnedStatusMapping.bursts(edited)).as("no duration").isEmpty();
    }

    @Test
    void aLongListInStatusIsReadOnlyForItsLastSixBursts() {
        List<LearnedBurst> many = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Instant start = T0.plusSeconds(600L * i);
            many.add(burst(start.toString(), start.plusSeconds(120).toString(), 60.0, i));
        }
        LearnedStatus edited = new LearnedStatus();
        edited.setRecentBursts(many);

        assertThat(LearnedStatusMapping.bursts(edited)).extracting(BurstRecurrence.Burst::workReplicaSeconds)
                .containsExactly(994.0, 995.0, 996.0, 997.0, 998.0, 999.0);
    }

    @Test
    void theReadyDelayIsTheLastFiveColdStartsStatusKeptAndNoneWhenOneIsNotAColdStart() {
        LearnedStatus kept = new LearnedStatus();
        kept.setRecentColdStartSeconds(List.of(300.0, 100.0, 110.0, 120.0, 130.0, 140.0));

        assertThat(LearnedStatusMapping.readyDelay(kept).recent()).containsExactly(Duration.ofSeconds(100),
                Duration.ofSeconds(110), Duration.ofSeconds(120), Duration.ofSeconds(130), Duration.ofSeconds(140));
        kept.setRecentColdStartSeconds(List.of(120.0, -5.0));
        assertThat(LearnedStatusMapping.readyDelay(kept)).isEqualTo(ReadyDelay.NONE);
        assertThat(LearnedStatusMapping.readyDelay(null)).isEqualTo(ReadyDelay.NONE);
    }

    private static LearnedBurst burst(String start, String end, Double durationSeconds, double work) {
        LearnedBurst burst = new LearnedBurst();
        burst.setStart(start);
        burst.setEnd(end);
        burst.setDurationSeconds(durationSeconds);
        burst.setWorkReplicaSeconds(work);
        return burst;
    }
}
