package dev.tokenscale.sim;

/**
 * The seed's fixed capacity for the average: {@code max(1, int(mean rps / capacity) + 1)} replicas
 * all day. Cheap, and it misses the SLO at the peak, which is the point of showing it.
 */
public final class FixedAverageStrategy implements Strategy {

    public static final String NAME = "fixed-average";

    private final int replicas;

    public FixedAverageStrategy(TrafficProfile traffic, SeedHeadroomSizing sizing) {
        this.replicas = sizing.replicasFor(traffic.meanRps(), 1, Integer.MAX_VALUE);
    }

    @Override
    public String name() {
        return NAME;
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
