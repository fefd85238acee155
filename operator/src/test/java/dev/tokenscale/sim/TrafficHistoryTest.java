package dev.tokenscale.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrafficHistoryTest {

    private static final double DAY = 86_400;

    @Test
    void withoutHistoryDaysTheWholeTraceIsScored() {
        TrafficProfile day = BuiltInTraffic.SEED_DIURNAL.load();

        TrafficHistory split = TrafficHistory.split(day, 0);

        assertThat(split.history()).isEmpty();
        assertThat(split.scored()).isSameAs(day);
    }

    @Test
    void aOneDayTraceIsReplayedOnceAsHistoryThenScoredWhole() {
        TrafficProfile day = BuiltInTraffic.SEED_DIURNAL.load();

        TrafficHistory split = TrafficHistory.split(day, 1);

        assertThat(split.scored()).isSameAs(day);
        TrafficProfile history = split.history().orElseThrow();
        assertThat(history.lengthSeconds()).isEqualTo(DAY);
        assertThat(history.rpsAt(14 * 3600)).isEqualTo(190);
        assertThat(history.source()).isEqualTo("seed-diurnal (history)");
    }

    @Test
    void aTraceShorterThanTheHistoryIsRepeatedUntilItCoversIt() {
        TrafficProfile hour = Scenarios.traffic("seconds,rps\n0,5\n1800,50\n3600,0\n");

        TrafficProfile history = TrafficHistory.split(hour, 2).history().orElseThrow();

        assertThat(history.lengthSeconds()).isEqualTo(2 * DAY);
        assertThat(history.rpsAt(47 * 3600 + 1799)).isEqualTo(5);
        assertThat(history.rpsAt(47 * 3600 + 1800)).isEqualTo(50);
        assertThat(history.meanRps()).isEqualTo(hour.meanRps());
    }

    @Test
    void aMultiDayTraceGivesItsFirstDaysToHistoryAndScoresTheRest() {
        TrafficProfile week = Scenarios.traffic("seconds,rps\n0,10\n86400,20\n172800,30\n250000,40\n259200,0\n");

        TrafficHistory split = TrafficHistory.split(week, 1);

        assertThat(split.history().orElseThrow().lengthSeconds()).isEqualTo(DAY);
        assertThat(split.history().orElseThrow().meanRps()).isEqualTo(10);
        TrafficProfile scored = split.scored();
        assertThat(scored.lengthSeconds()).isEqualTo(2 * DAY);
        assertThat(scored.rpsAt(0)).isEqualTo(20);
        assertThat(scored.rpsAt(DAY)).isEqualTo(30);
        assertThat(scored.rpsAt(250_000 - DAY)).isEqualTo(40);
    }

    @Test
    void theHistoryIsReplayedBeforeTheScoredPartButOnlyTheScoredPartIsRecorded() {
        TrafficProfile trace = Scenarios.traffic("seconds,rps\n0,100\n86400,10\n90000,0\n");
        ReplayScenario scenario = Scenarios.seed(trace, 1, 20, Duration.ofMinutes(15), Duration.ZERO)
                .with(TrafficHistory.split(trace, 1));
        List<Integer> askedAt = new ArrayList<>();
        List<Double> seenLoad = new ArrayList<>();
        Strategy listening = new Strategy() {
            @Override
            public String name() {
                return "listening";
            }

            @Override
            public int initialReplicas() {
                return 10;
            }

            @Override
            public int replicasFor(StepView view) {
                askedAt.add(view.index());
                seenLoad.add(view.observed().arrivalRps());
                return view.index() < 0 ? 10 : 1;
            }
        };

        StrategyRun run = Replay.run(scenario, List.of(listening), ReplayProgress.NONE).runs().get(0);

        assertThat(askedAt).hasSize(96 + 4);
        assertThat(askedAt.get(0)).as("a day of 15-minute steps before the scored start").isEqualTo(-96);
        assertThat(askedAt.get(96)).isZero();
        assertThat(seenLoad.get(96)).as("the scored part begins where the history left off").isEqualTo(100);
        assertThat(run.stepCount()).isEqualTo(4);
        assertThat(run.replicas()).containsExactly(1, 1, 1, 1);
        assertThat(run.summarize(0, Double.NaN).scaleEvents()).as("only the scored part's scale events count").isEqualTo(1);
    }

    @Test
    void theOracleKnowsTheHistorysLoadToo() {
        TrafficProfile trace = Scenarios.traffic("seconds,rps\n0,100\n86400,10\n90000,0\n");
        ReplayScenario scenario = Scenarios.seed(trace, 1, 20, Duration.ofMinutes(15), Duration.ZERO)
                .with(TrafficHistory.split(trace, 1));

        assertThat(scenario.averageRps(-900, 0)).isEqualTo(100);
        assertThat(scenario.averageRps(0, 900)).isEqualTo(10);
        OracleStrategy oracle = OracleStrategy.of(scenario, new SloSizing(scenario.load(), scenario.slo()));
        assertThat(oracle.initialReplicas()).as("sized for the history's first step").isEqualTo(8);
    }
}
