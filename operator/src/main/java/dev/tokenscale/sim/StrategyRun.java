package dev.tokenscale.sim;

/**
 * What one strategy did over a replay, step by step, and the running totals its summary is made
 * of. Filled by {@link Replay}, or by a {@link LiveRecording} of a real run; read-only afterwards.
 */
public final class StrategyRun {

    private static final double MILLIS_PER_HOUR = 3_600_000;
    private static final double MILLIS_PER_DAY = 86_400_000;

    private final String name;
    private final ReplayScenario scenario;
    private final double[] stepRps;
    private final double meanRps;
    private final LatencySlo slo;
    private final int[] replicas;
    private final int[] readyReplicas;
    private final double[] ttftP99Ms;
    private final double[] tpotP99Ms;
    private long replicaMillis;
    private long violationMillis;
    private double offPeakServedRequests;
    private double offPeakCapacityRequests;
    private int peakReplicas;
    private int scaleEvents;
    private double[] forecastRps;
    private double[] forecastUpperRps;

    /** @param stepRps the load of each step, {@link ReplayScenario#stepRps()} */
    StrategyRun(String name, ReplayScenario scenario, double[] stepRps) {
        int steps = stepRps.length;
        this.name = name;
        this.scenario = scenario;
        this.stepRps = stepRps;
        this.meanRps = scenario.traffic().meanRps();
        this.slo = scenario.slo();
        this.replicas = new int[steps];
        this.readyReplicas = new int[steps];
        this.ttftP99Ms = new double[steps];
        this.tpotP99Ms = new double[steps];
    }

    /**
     * Records step {@code index}: {@code held} replicas paid for, {@code ready} of them serving, and
     * the pool as it was over the step, when each replica could serve {@code capacityRpsPerReplica}.
     * Off-peak means the step's load is below the run's mean.
     */
    void record(int index, int held, int ready, LoadModel.Observation observation, double capacityRpsPerReplica) {
        long widthMillis = scenario.stepEndMillis(index) - scenario.stepStartMillis(index);
        replicas[index] = held;
        readyReplicas[index] = ready;
        ttftP99Ms[index] = observation.ttftP99Ms();
        tpotP99Ms[index] = observation.tpotP99Ms();
        replicaMillis += held * widthMillis;
        peakReplicas = Math.max(peakReplicas, held);
        if (!slo.isMetBy(observation)) {
            violationMillis += widthMillis;
        }
        if (stepRps[index] < meanRps) {
            double seconds = widthMillis / 1000.0;
            offPeakServedRequests += observation.servedRps() * seconds;
            offPeakCapacityRequests += held * capacityRpsPerReplica * seconds;
        }
    }

    void countScaleEvent() {
        scaleEvents++;
    }

    /** Keeps what a forecasting strategy forecast at each step, for the chart and the JSON. */
    void attachForecast(ForecastTrace trace) {
        this.forecastRps = trace.forecastRps();
        this.forecastUpperRps = trace.forecastUpperRps();
    }

    /** The forecast at each step, NaN where there was none; empty for a strategy that does not forecast. */
    public java.util.Optional<double[]> forecastRps() {
        return java.util.Optional.ofNullable(forecastRps).map(double[]::clone);
    }

    /** The forecast's upper band at each step, NaN where there was none; empty for a strategy that does not forecast. */
    public java.util.Optional<double[]> forecastUpperRps() {
        return java.util.Optional.ofNullable(forecastUpperRps).map(double[]::clone);
    }

    public String name() {
        return name;
    }

    public int stepCount() {
        return replicas.length;
    }

    /** Replicas held in each step, ready or starting; what is paid for. */
    public int[] replicas() {
        return replicas.clone();
    }

    public int[] readyReplicas() {
        return readyReplicas.clone();
    }

    public double[] ttftP99Ms() {
        return ttftP99Ms.clone();
    }

    public double[] tpotP99Ms() {
        return tpotP99Ms.clone();
    }

    /**
     * @param fixedPeakDailyCost the seed's baseline; 0 when it was not replayed
     * @param fixedSloDailyCost the honest static baseline; NaN when it was not replayed
     */
    public StrategySummary summarize(double fixedPeakDailyCost, double fixedSloDailyCost) {
        double dailyCost = dailyCost();
        double savings = fixedPeakDailyCost > 0 ? (1 - dailyCost / fixedPeakDailyCost) * 100 : 0;
        double savingsVsFixedSlo = fixedSloDailyCost > 0 ? (1 - dailyCost / fixedSloDailyCost) * 100 : Double.NaN;
        double waste = offPeakCapacityRequests > 0
                ? Math.max(0, 1 - offPeakServedRequests / offPeakCapacityRequests) * 100
                : 0;
        return new StrategySummary(name, dailyCost, peakReplicas,
                (double) replicaMillis / scenario.lengthMillis(), waste, savings, savingsVsFixedSlo,
                violationMillis / 60_000.0, scaleEvents);
    }

    /** Time with traffic over the SLO, in milliseconds. */
    long violationMillis() {
        return violationMillis;
    }

    /** USD per hour of one replica of this run's pool, overhead included. */
    public double replicaHourlyCost() {
        return scenario.replicaHourlyCost();
    }

    public double dailyCost() {
        double runCost = replicaMillis / MILLIS_PER_HOUR * scenario.replicaHourlyCost();
        return runCost * (MILLIS_PER_DAY / scenario.lengthMillis());
    }
}
