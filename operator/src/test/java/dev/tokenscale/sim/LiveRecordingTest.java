package dev.tokenscale.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveRecordingTest {

    private static final ReplayScenario SCENARIO = Scenarios.seed(Scenarios.traffic("seconds,rps\n0,10\n600,0\n"),
            1, 10, Duration.ofMinutes(1), Duration.ZERO);
    private static final LoadModel.Observation CALM = new LoadModel(LoadModel.Params.seedDefaults()).observe(10, 2, 10);

    private static Instant at(int seconds) {
        return ReplayScenario.START.plusSeconds(seconds);
    }

    @Test
    void eachSampleFillsTheStepsThatEndedByItsTimeAndTheRestHoldTheLastState() {
        LiveRecording recording = new LiveRecording("operator", SCENARIO);

        recording.sample(at(30), 2, 2, CALM);
        recording.sample(at(125), 2, 2, CALM);
        recording.sample(at(250), 4, 2, CALM);
        StrategyRun run = recording.finish(3, 3, CALM);

        assertThat(run.replicas()).containsExactly(2, 2, 4, 4, 3, 3, 3, 3, 3, 3);
        assertThat(run.readyReplicas()).containsExactly(2, 2, 2, 2, 3, 3, 3, 3, 3, 3);
        assertThat(run.summarize(0, Double.NaN).scaleEvents()).isEqualTo(2);
        assertThat(recording.isComplete()).isTrue();
    }

    @Test
    void aLiveRunJoinsAReplayAsOneMoreRowAndSeries() {
        ReplayResult replay = Replay.run(SCENARIO, List.of(FixedStrategy.forPeak(SCENARIO.traffic(), new SeedHeadroomSizing(20))),
                ReplayProgress.NONE);
        LiveRecording recording = new LiveRecording("operator", SCENARIO);
        recording.sample(at(600), 2, 2, CALM);

        ReplayResult both = replay.with(recording.finish(2, 2, CALM));

        assertThat(both.summaries()).extracting(StrategySummary::name).containsExactly("fixed-peak", "operator");
        assertThat(both.summaries().get(1).dailyCost()).isEqualTo(2 * 16 * 24);
        assertThat(both.summaries().get(1).savingsPercent()).as("twice fixed-peak's one replica").isEqualTo(-100);
        assertThat(both.summaries().get(1).sloViolationMinutes()).isZero();
    }
}
