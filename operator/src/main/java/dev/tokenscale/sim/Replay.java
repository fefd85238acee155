package dev.tokenscale.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays one traffic run through several strategies, each on its own copy of the serving model.
 * Each step: the strategy sees what the metrics showed over the previous step and picks its
 * replicas; replicas ordered now serve after the cold start; then the model serves the step's load
 * with the replicas that are ready, and the step's cost, latency and waste are recorded. The
 * scenario's history, if any, is played first the same way and recorded nowhere: a strategy that
 * learns starts the scored part having learned from it.
 */
public final class Replay {

    private static final int PROGRESS_REPORTS = 100;

    private final ReplayScenario scenario;
    private final ReplayProgress progress;
    private final double[] rps;
    private final ReplayTimeline timeline;
    private final long totalSteps;
    private final long reportEvery;
    private long stepsDone;

    private Replay(ReplayScenario scenario, int strategies, ReplayProgress progress) {
        this.scenario = scenario;
        this.progress = progress;
        this.rps = scenario.stepRps();
        this.timeline = new ReplayTimeline(scenario);
        this.totalSteps = (long) timeline.size() * strategies;
        this.reportEvery = Math.max(1, totalSteps / PROGRESS_REPORTS);
    }

    public static ReplayResult run(ReplayScenario scenario, List<Strategy> strategies, ReplayProgress progress) {
        Replay replay = new Replay(scenario, strategies.size(), progress);
        List<StrategyRun> runs = new ArrayList<>();
        for (Strategy strategy : strategies) {
            runs.add(replay.replayOne(strategy));
        }
        return new ReplayResult(scenario, replay.rps, runs);
    }

    private StrategyRun replayOne(Strategy strategy) {
        LoadModel model = new LoadModel(scenario.load());
        ObservationNoise noise = new ObservationNoise(scenario.conditions());
        long coldStartMillis = strategy.waitsForColdStart() ? scenario.coldStart().toMillis() : 0;
        ReplicaFleet fleet = new ReplicaFleet(strategy.initialReplicas(), coldStartMillis);
        StrategyRun run = new StrategyRun(strategy.name(), scenario, rps);
        int history = timeline.historySteps();
        LoadModel.Observation observed = timeline.size() == 0 ? null
                : noise.apply(model.observe(timeline.rps(0), fleet.ready(),
                        Math.min(timeline.rps(0), fleet.ready() * timeline.capacityPerReplica(0)), timeline.capacityPerReplica(0)));
        for (int k = 0; k < timeline.size(); k++) {
            long startMillis = timeline.startMillis(k);
            long endMillis = timeline.endMillis(k);
            fleet.advanceTo(startMillis);
            Instant time = ReplayScenario.START.plusMillis(startMillis);
            StepView view = new StepView(k - history, time, startMillis / 1000.0, endMillis / 1000.0,
                    fleet.replicas(), fleet.ready(), observed);
            int wanted = strategy.replicasFor(view);
            if (wanted < 0) {
                throw new IllegalStateException(strategy.name() + " asked for " + wanted + " replicas");
            }
            boolean scored = k >= history;
            if (wanted != fleet.replicas()) {
                fleet.scaleTo(wanted, startMillis);
                if (scored) {
                    run.countScaleEvent();
                }
            }
            double capacity = timeline.capacityPerReplica(k);
            LoadModel.Observation truth = model.step(timeline.rps(k), fleet.ready(), (endMillis - startMillis) / 1000.0, capacity);
            if (scored) {
                run.record(k - history, fleet.replicas(), fleet.ready(), truth, capacity);
            }
            // The score is the truth; what the strategy sees next step is what noisy metrics would show.
            observed = noise.apply(truth);
            stepsDone++;
            if (stepsDone % reportEvery == 0 || stepsDone == totalSteps) {
                progress.advanced(stepsDone, totalSteps);
            }
        }
        return run;
    }
}
