package dev.tokenscale.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The outcome of a replay: the load of each step and what every strategy did with it. */
public final class ReplayResult {

    private final ReplayScenario scenario;
    private final double[] rps;
    private final List<StrategyRun> runs;

    ReplayResult(ReplayScenario scenario, double[] rps, List<StrategyRun> runs) {
        this.scenario = scenario;
        this.rps = rps;
        this.runs = List.copyOf(runs);
    }

    public ReplayScenario scenario() {
        return scenario;
    }

    /** The mean load of each step. */
    public double[] rps() {
        return rps.clone();
    }

    /** Start of each step in seconds since the start of the run. */
    public double[] stepStartSeconds() {
        double[] seconds = new double[rps.length];
        for (int i = 0; i < seconds.length; i++) {
            seconds[i] = scenario.stepStartMillis(i) / 1000.0;
        }
        return seconds;
    }

    /** This result with one more run, recorded elsewhere on the same scenario (a live run, say). */
    public ReplayResult with(StrategyRun run) {
        if (run.stepCount() != rps.length) {
            throw new IllegalArgumentException(run.name() + " has " + run.stepCount() + " steps, the replay " + rps.length);
        }
        List<StrategyRun> all = new ArrayList<>(runs);
        all.add(run);
        return new ReplayResult(scenario, rps, all);
    }

    public List<StrategyRun> runs() {
        return runs;
    }

    public Optional<StrategyRun> run(String name) {
        return runs.stream().filter(run -> run.name().equals(name)).findFirst();
    }

    /** One row per strategy, in replay order; savings are against fixed-peak and fixed-slo when they were replayed. */
    public List<StrategySummary> summaries() {
        double fixedPeak = run(FixedStrategy.PEAK).map(StrategyRun::dailyCost).orElse(0.0);
        double fixedSlo = run(FixedStrategy.SLO).map(StrategyRun::dailyCost).orElse(Double.NaN);
        return runs.stream().map(run -> run.summarize(fixedPeak, fixedSlo)).toList();
    }
}
