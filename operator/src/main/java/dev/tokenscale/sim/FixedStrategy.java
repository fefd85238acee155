package dev.tokenscale.sim;

/**
 * The seed's fixed capacity: one replica count all day, sized by the seed's rule
 * {@code max(1, int(rps / capacity) + 1)} for either the peak or the mean load. Like the seed, it
 * ignores the pool's bounds; it is the baseline, not a policy.
 */
public final class FixedStrategy implements Strategy {

    /** Sized for the peak: expensive, and what savings are measured against. */
    public static final String PEAK = "fixed-peak";
    /** Sized for the mean: cheap, and it misses the SLO at the peak, which is the point of showing it. */
    public static final String AVERAGE = "fixed-average";

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
