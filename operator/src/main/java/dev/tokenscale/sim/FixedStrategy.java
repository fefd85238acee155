package dev.tokenscale.sim;

/**
 * One replica count all day. The seed's two are sized by its rule {@code max(1, int(rps / capacity) + 1)}
 * for either the peak or the mean load and, like the seed, ignore the pool's bounds. The third,
 * {@code fixed-slo}, is the fewest replicas within the bounds that hold the SLO all day
 * ({@link FixedSloSizing}): the static pool an honest operator would actually run.
 */
public final class FixedStrategy implements Strategy {

    /** Sized for the peak: expensive, and what savings are measured against. */
    public static final String PEAK = "fixed-peak";
    /** Sized for the mean: cheap, and it misses the SLO at the peak, which is the point of showing it. */
    public static final String AVERAGE = "fixed-average";

    /** The fewest fixed replicas that meet the SLO at every step: the honest static baseline. */
    public static final String SLO = "fixed-slo";

    private final String name;
    private final int replicas;

    private FixedStrategy(String name, int replicas) {
        this.name = name;
        this.replicas = replicas;
    }

    public static FixedStrategy forPeak(TrafficProfile traffic, SeedHeadroomSizing sizing) {
        return new FixedStrategy(PEAK, sizing.replicasFor(traffic.peakRps(), 1, Integer.MAX_VALUE));
    }

    public static FixedStrategy forAverage(TrafficProfile traffic, SeedHeadroomSizing sizing) {
        return new FixedStrategy(AVERAGE, sizing.replicasFor(traffic.meanRps(), 1, Integer.MAX_VALUE));
    }

    /** Replays the scenario to find its size, so build it once per scenario. */
    public static FixedStrategy forSlo(ReplayScenario scenario) {
        return new FixedStrategy(SLO, FixedSloSizing.replicasFor(scenario));
    }

    static FixedStrategy of(String name, int replicas) {
        return new FixedStrategy(name, replicas);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int initialReplicas() {
        return replicas;
    }

    @Override
    public int replicasFor(StepView view) {
        return replicas;
    }
}
