package dev.tokenscale.cost;

/**
 * The seed's {@code PreemptionCostOptimizer.calculate_preemption_savings}, reproduced as written:
 * without preemption every request needs dedicated capacity, {@code max(1, int(total / c) + 1)};
 * with preemption realtime and interactive get {@code max(1, int((realtime + interactive) / c) + 1)}
 * and batch adds {@code max(1, int(batch / c / 2))}. Background load is counted in the first figure
 * and, as in the seed, nowhere in the second: it is assumed to fit entirely in preempted capacity.
 * A "GPU" here is the seed's unit of capacity serving {@code c} requests per second.
 *
 * @param costSavingsPercent (1 − with / without) × 100
 */
public record PreemptionSavings(int withoutPreemptionGpus, int withPreemptionGpus, int gpuSavings, double costSavingsPercent) {

    /** The seed's default capacity of one GPU, in requests per second. */
    public static final double DEFAULT_GPU_CAPACITY_RPS = 20;

    public static PreemptionSavings of(double realtimeRps, double interactiveRps, double batchRps, double backgroundRps,
            double gpuCapacityRps) {
        requireRate("realtimeRps", realtimeRps);
        requireRate("interactiveRps", interactiveRps);
        requireRate("batchRps", batchRps);
        requireRate("backgroundRps", backgroundRps);
        if (!(gpuCapacityRps > 0) || !Double.isFinite(gpuCapacityRps)) {
            throw new IllegalArgumentException("gpuCapacityRps must be a finite number above 0, got " + gpuCapacityRps);
        }
        double totalRps = realtimeRps + interactiveRps + batchRps + backgroundRps;
        int without = Math.max(1, truncate(totalRps / gpuCapacityRps) + 1);
        double peakRps = realtimeRps + interactiveRps;
        int with = Math.max(1, truncate(peakRps / gpuCapacityRps) + 1)
                + Math.max(1, truncate(batchRps / gpuCapacityRps / 2));
        return new PreemptionSavings(without, with, without - with, (1 - (double) with / without) * 100);
    }

    /** Python's {@code int()} of a non-negative float: the whole part. */
    private static int truncate(double nonNegative) {
        return (int) Math.floor(nonNegative);
    }

    private static void requireRate(String name, double rps) {
        if (!(rps >= 0) || !Double.isFinite(rps)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + rps);
        }
    }
}
