package dev.tokenscale.sim;

/** The seed's fixed capacity for the peak: {@code max(1, int(peak / capacity) + 1)} replicas all day. */
public final class FixedPeakStrategy implements Strategy {

    public static final String NAME = "fixed-peak";

    private final int replicas;

    public FixedPeakStrategy(TrafficProfile traffic, SeedHeadroomSizing sizing) {
        this.replicas = sizing.replicasFor(traffic.peakRps(), 1, Integer.MAX_VALUE);
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
