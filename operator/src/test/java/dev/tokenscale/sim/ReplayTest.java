package dev.tokenscale.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void aNewReplicaIsPaidForAtOnceButServesOnlyAfterTheColdStart() {
        ReplayScenario scenario = Scenarios.seed(Scenarios.traffic("seconds,rps\n0,10\n600,0\n"),
                1, 10, MINUTE, Duration.ofMinutes(2));

        StrategyRun run = Replay.run(scenario, List.of(Scenarios.scripted("jump", 1, 3)), ReplayProgress.NONE).runs().get(0);

        assertThat(run.replicas()).containsExactly(1, 3, 3, 3, 3, 3, 3, 3, 3, 3);
        assertThat(run.readyReplicas()).containsExactly(1, 1, 1, 3, 3, 3, 3, 3, 3, 3);
    }

    @Test
    void aStrategyThatIgnoresTheColdStartServesAtOnce() {
        ReplayScenario scenario = Scenarios.seed(Scenarios.traffic("seconds,rps\n0,10\n300,0\n"),
                1, 10, MINUTE, Duration.ofMinutes(2));
        Strategy instant = Scenarios.scripted("instant", false, 1, 4);

        StrategyRun run = Replay.run(scenario, List.of(instant), ReplayProgress.NONE).runs().get(0);

        assertThat(run.readyReplicas()).containsExactly(1, 4, 4, 4, 4);
    }

    @Test
    void scalingDownDropsStartingReplicasBeforeReadyOnes() {
        ReplayScenario scenario = Scenarios.seed(Scenarios.traffic("seconds,rps\n0,10\n300,0\n"),
                1, 10, MINUTE, Duration.ofMinutes(3));

        StrategyRun run = Replay.run(scenario, List.of(Scenarios.scripted("flap", 2, 5, 3)), ReplayProgress.NONE).runs().get(0);

        assertThat(run.replicas()).containsExactly(2, 5, 3, 3, 3);
        assertThat(run.readyReplicas()).as("the one still starting becomes ready three minutes after it was ordered")
                .containsExactly(2, 2, 2, 2, 3);
    }

    @Test
    void beyondCapacityAQueueBuildsAndLatencyClimbsThenItDrainsWhenLoadFalls() {
        ReplayScenario scenario = Scenarios.seed(Scenarios.traffic("seconds,rps\n0,30\n300,5\n1200,0\n"),
                1, 10, MINUTE, Duration.ZERO);

        ReplayResult result = Replay.run(scenario, List.of(Scenarios.scripted("one", 1)), ReplayProgress.NONE);
        double[] ttft = result.runs().get(0).ttftP99Ms();

        assertThat(ttft[0]).as("the queue is still short after a minute").isLessThan(LoadModel.UNSERVED_LATENCY_MS);
        assertThat(ttft[4]).as("5 minutes at 30 rps on 20 rps of capacity queue 3,000 requests: 150 s, shown capped")
                .isEqualTo(LoadModel.UNSERVED_LATENCY_MS);
        assertThat(ttft[19]).as("15 rps of spare capacity drains the queue within the low hour")
                .isCloseTo(150 / (1 - 0.25), within(1e-6));
        assertThat(result.summaries().get(0).sloViolationMinutes()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void afterAnOverloadAndAQuietHourTheReplayedLatencyIsBackAtItsBase() {
        ReplayScenario scenario = Scenarios.seed(Scenarios.traffic("seconds,rps\n0,25\n300,2.9\n3900,0\n"),
                1, 10, Duration.ofSeconds(15), Duration.ZERO);

        ReplayResult result = Replay.run(scenario, List.of(Scenarios.scripted("one", 1)), ReplayProgress.NONE);
        double[] ttft = result.runs().get(0).ttftP99Ms();

        assertThat(ttft[19]).as("five minutes 5 rps over capacity queue 1,500 requests").isGreaterThan(500);
        assertThat(ttft[ttft.length - 1]).as("the last quiet step is at the idle pool's latency")
                .isCloseTo(150 / (1 - 2.9 / 20), within(1e-9));
        assertThat(result.summaries().get(0).sloViolationMinutes())
                .as("the queue drains within about six minutes of the load falling, and the SLO holds after")
                .isLessThan(20);
    }

    @Test
    void noiseChangesWhatAPolicySeesButNeverHowARunIsScored() {
        ReplayScenario clean = Scenarios.seed(BuiltInTraffic.SEED_DIURNAL.load(), 2, 16, Duration.ofSeconds(15),
                Duration.ofMinutes(2));
        ReplayScenario noisy = clean.with(new ReplayConditions(30, 0, 3));

        List<StrategySummary> exact = replayFixedAndReactive(clean);
        List<StrategySummary> jittered = replayFixedAndReactive(noisy);

        assertThat(jittered.get(0)).as("a fixed pool ignores what it observes").isEqualTo(exact.get(0));
        assertThat(jittered.get(1).scaleEvents()).as("the reactive policy reacts to the jitter")
                .isNotEqualTo(exact.get(1).scaleEvents());
        assertThat(replayFixedAndReactive(noisy)).as("the same seed replays the same day").isEqualTo(jittered);
    }

    private static List<StrategySummary> replayFixedAndReactive(ReplayScenario scenario) {
        return Replay.run(scenario, List.of(Scenarios.scripted("fixed", 9),
                new ReactiveStrategy(new dev.tokenscale.policy.CostAwarePolicy(), scenario.settings(), 4,
                        new ReplayClock(ReplayScenario.START))), ReplayProgress.NONE).summaries();
    }

    @Test
    void costCountsEveryHeldReplicaForTheTimeItIsHeldAndScalesToADay() {
        ReplayScenario scenario = Scenarios.seed(Scenarios.traffic("seconds,rps\n0,10\n3600,0\n"),
                1, 10, Duration.ofMinutes(15), Duration.ZERO);

        StrategySummary summary = Replay.run(scenario, List.of(Scenarios.scripted("steps", 1, 2, 3, 2)), ReplayProgress.NONE)
                .summaries().get(0);

        double runCost = (1 + 2 + 3 + 2) * 0.25 * 8 * 2.00;
        assertThat(summary.dailyCost()).isEqualTo(runCost * 24);
        assertThat(summary.averageReplicas()).isEqualTo(2.0);
        assertThat(summary.peakReplicas()).isEqualTo(3);
        assertThat(summary.scaleEvents()).isEqualTo(3);
    }

    @Test
    void aLastStepCutShortByTheEndOfTheTrafficIsChargedOnlyForItsLength() {
        ReplayScenario scenario = Scenarios.seed(Scenarios.traffic("seconds,rps\n0,10\n90,0\n"),
                1, 10, MINUTE, Duration.ZERO);

        ReplayResult result = Replay.run(scenario, List.of(Scenarios.scripted("two", 2)), ReplayProgress.NONE);

        assertThat(result.stepStartSeconds()).containsExactly(0, 60);
        assertThat(result.summaries().get(0).averageReplicas()).isEqualTo(2.0);
    }

    @Test
    void offPeakWasteIsTheIdleShareOfPaidCapacityWhileLoadIsBelowItsMean() {
        ReplayScenario scenario = Scenarios.seed(Scenarios.traffic("seconds,rps\n0,10\n3600,50\n7200,0\n"),
                1, 10, MINUTE, Duration.ZERO);

        StrategySummary summary = Replay.run(scenario, List.of(Scenarios.scripted("four", 4)), ReplayProgress.NONE)
                .summaries().get(0);

        assertThat(summary.offPeakWastePercent()).as("10 rps on 80 rps of capacity").isCloseTo(87.5, within(1e-9));
    }

    @Test
    void progressIsReportedUpToTheLastStepOfTheLastStrategy() {
        ReplayScenario scenario = Scenarios.seed(BuiltInTraffic.SEED_DIURNAL.load(), 1, 16, Duration.ofSeconds(15), Duration.ZERO);
        long[] last = new long[2];
        int[] calls = new int[1];

        Replay.run(scenario, List.of(Scenarios.scripted("a", 3), Scenarios.scripted("b", 4)), (done, total) -> {
            last[0] = done;
            last[1] = total;
            calls[0]++;
        });

        assertThat(last).containsExactly(2 * 5760, 2 * 5760);
        assertThat(calls[0]).isBetween(50, 101);
    }
}
