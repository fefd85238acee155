package dev.tokenscale.sim;

import java.util.Arrays;
import java.util.Optional;

/** Traffic days bundled in the jar, chosen by name with {@code --traffic NAME}. */
public enum BuiltInTraffic {

    /**
     * The seed's "typical traffic pattern": quiet nights near 15 rps, a peak of 190 rps mid-afternoon.
     * Sized so the seed's own rules give its table: 10 replicas for the peak ($3,840/day at 8 GPUs
     * and $2/GPU-h), 5 for the average ($1,920), and 132 replica-hours autoscaled per hour ($2,112).
     */
    SEED_DIURNAL("seed-diurnal", "seed-diurnal.csv");

    private final String key;
    private final String resource;

    BuiltInTraffic(String key, String resource) {
        this.key = key;
        this.resource = resource;
    }

    public String key() {
        return key;
    }

    public TrafficProfile load() {
        return TrafficCsv.readResource(key, resource);
    }

    public static Optional<BuiltInTraffic> byKey(String key) {
        return Arrays.stream(values()).filter(traffic -> traffic.key.equals(key)).findFirst();
    }
}
