package dev.tokenscale.sim;

import java.util.Arrays;
import java.util.Optional;

/** Which rule the oracle sizes the pool by. */
public enum OracleSizing {

    /** The fewest replicas that meet the pool's latency SLO under the load model (the default). */
    SLO("slo"),
    /** The seed's {@code int(rps / capacity) + 1}, to reproduce its per-hour autoscaling figures. */
    SEED("seed");

    private final String key;

    OracleSizing(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public ReplicaSizing sizingFor(ReplayScenario scenario) {
        return switch (this) {
            case SLO -> new SloSizing(scenario.load(), scenario.slo());
            case SEED -> new SeedHeadroomSizing(scenario.load().capacityRpsPerReplica());
        };
    }

    public static Optional<OracleSizing> byKey(String key) {
        return Arrays.stream(values()).filter(sizing -> sizing.key.equals(key)).findFirst();
    }
}
