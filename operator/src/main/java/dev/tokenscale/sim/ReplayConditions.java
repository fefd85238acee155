package dev.tokenscale.sim;

/**
 * How far the replayed world is from the clean model: noise on what the metrics show, and a
 * per-replica capacity that wanders over the day. Both are deterministic from {@code seed}, so a run
 * can be repeated exactly and two strategies face the same noise at the same step.
 *
 * @param noisePercent standard deviation, in percent, of the multiplicative Gaussian noise on
 *     observed utilization and request rate ({@link ObservationNoise}); 0 to 100
 * @param capacityDriftPercent how far, in percent, a replica's capacity strays from nominal
 *     ({@link CapacityDrift}); 0 to 90
 * @param seed the seed of both
 */
public record ReplayConditions(double noisePercent, double capacityDriftPercent, long seed) {

    /** The clean model: what metrics show is exact and every replica serves its nominal capacity. */
    public static final ReplayConditions NONE = new ReplayConditions(0, 0, 1);

    /** Beyond this a replica could serve nothing or less, which is not drift but an outage. */
    public static final double MAX_CAPACITY_DRIFT_PERCENT = 90;

    public ReplayConditions {
        if (!(noisePercent >= 0 && noisePercent <= 100)) {
            throw new IllegalArgumentException("noisePercent must be between 0 and 100, got " + noisePercent);
        }
        if (!(capacityDriftPercent >= 0 && capacityDriftPercent <= MAX_CAPACITY_DRIFT_PERCENT)) {
            throw new IllegalArgumentException("capacityDriftPercent must be between 0 and "
                    + (int) MAX_CAPACITY_DRIFT_PERCENT + ", got " + capacityDriftPercent);
        }
    }
}
