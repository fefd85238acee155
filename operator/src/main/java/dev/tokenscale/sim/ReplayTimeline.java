package dev.tokenscale.sim;

/**
 * Every step a replay plays, history first: when each starts and ends (milliseconds since
 * {@link ReplayScenario#START}, negative in the history), its mean load, and what one replica
 * serves in it after drift. Computed once per replay and shared by every strategy.
 */
final class ReplayTimeline {

    private final int historySteps;
    private final long[] startMillis;
    private final long[] endMillis;
    private final double[] rps;
    private final double[] capacityPerReplica;

    ReplayTimeline(ReplayScenario scenario) {
        historySteps = scenario.historyStepCount();
        int scoredSteps = scenario.stepCount();
        int total = historySteps + scoredSteps;
        startMillis = new long[total];
        endMillis = new long[total];
        rps = new double[total];
        capacityPerReplica = new double[total];
        long historyMillis = scenario.historyMillis();
        long stepMillis = scenario.step().toMillis();
        double[] scoredRps = scenario.stepRps();
        CapacityDrift drift = new CapacityDrift(scenario.conditions());
        for (int k = 0; k < total; k++) {
            if (k < historySteps) {
                startMillis[k] = -historyMillis + k * stepMillis;
                endMillis[k] = Math.min(startMillis[k] + stepMillis, 0);
                rps[k] = scenario.averageRps(startMillis[k] / 1000.0, endMillis[k] / 1000.0);
            } else {
                int scored = k - historySteps;
                startMillis[k] = scenario.stepStartMillis(scored);
                endMillis[k] = scenario.stepEndMillis(scored);
                rps[k] = scoredRps[scored];
            }
            double middleSeconds = (startMillis[k] + endMillis[k]) / 2000.0;
            capacityPerReplica[k] = scenario.load().capacityRpsPerReplica() * drift.factorAt(middleSeconds);
        }
    }

    int historySteps() {
        return historySteps;
    }

    int size() {
        return rps.length;
    }

    long startMillis(int k) {
        return startMillis[k];
    }

    long endMillis(int k) {
        return endMillis[k];
    }

    double rps(int k) {
        return rps[k];
    }

    double capacityPerReplica(int k) {
        return capacityPerReplica[k];
    }
}
