package dev.tokenscale.sim;

import java.time.Duration;
import java.time.Instant;

/**
 * Records a run that happens outside the replay (the real operator driving emulated workers, in
 * {@code demo}) on a replay's step grid, so it gets the same table row, JSON series and chart line
 * as a simulated strategy. Each sample holds until the next; every step that ended by the sample's
 * time takes the state the sample reports.
 */
public final class LiveRecording {

    private final ReplayScenario scenario;
    private final StrategyRun run;
    private int nextStep;
    private int lastReplicas = -1;

    public LiveRecording(String name, ReplayScenario scenario) {
        this.scenario = scenario;
        this.run = new StrategyRun(name, scenario, scenario.stepRps());
    }

    /**
     * @param now the simulated time of the sample, on the same start as the scenario
     * @param observed the pool as the workers report it now
     */
    public synchronized void sample(Instant now, int replicas, int readyReplicas, LoadModel.Observation observed) {
        long elapsedMillis = Duration.between(ReplayScenario.START, now).toMillis();
        while (nextStep < run.stepCount() && scenario.stepEndMillis(nextStep) <= elapsedMillis) {
            record(replicas, readyReplicas, observed);
        }
    }

    /** Fills the steps not yet reached with the last state, so a run cut short still has a full series. */
    public synchronized StrategyRun finish(int replicas, int readyReplicas, LoadModel.Observation observed) {
        while (nextStep < run.stepCount()) {
            record(replicas, readyReplicas, observed);
        }
        return run;
    }

    public synchronized boolean isComplete() {
        return nextStep >= run.stepCount();
    }

    private void record(int replicas, int readyReplicas, LoadModel.Observation observed) {
        if (lastReplicas >= 0 && replicas != lastReplicas) {
            run.countScaleEvent();
        }
        lastReplicas = replicas;
        run.record(nextStep++, replicas, readyReplicas, observed, scenario.load().capacityRpsPerReplica());
    }
}
