package dev.tokenscale.cost;

import java.util.OptionalDouble;

/**
 * What a pool of identical replicas costs: the GPUs of every replica at their hourly price plus the
 * overhead percent, as in the seed's detailed model.
 */
public record PoolCost(int gpusPerReplica, double gpuHourlyCost, double overheadPercent) {

    public PoolCost {
        if (gpusPerReplica < 1) {
            throw new IllegalArgumentException("gpusPerReplica must be >= 1, got " + gpusPerReplica);
        }
        if (!(gpuHourlyCost >= 0) || !Double.isFinite(gpuHourlyCost)) {
            throw new IllegalArgumentException("gpuHourlyCost must be a finite number >= 0, got " + gpuHourlyCost);
        }
        if (!(overheadPercent >= 0) || !Double.isFinite(overheadPercent)) {
            throw new IllegalArgumentException("overheadPercent must be a finite number >= 0, got " + overheadPercent);
        }
    }

    /** USD per hour: replicas × gpusPerReplica × gpuHourlyCost × (1 + overheadPercent / 100). */
    public double hourly(int replicas) {
        return (double) replicas * gpusPerReplica * gpuHourlyCost * (1 + overheadPercent / 100);
    }

    /**
     * USD per million generated tokens at this throughput; empty when throughput is unknown or zero,
     * because a cost per token with no tokens is not a number anyone should read.
     *
     * @param tokensPerSecond null when the signal is missing
     */
    public OptionalDouble perMillionTokens(int replicas, Double tokensPerSecond) {
        if (tokensPerSecond == null || !(tokensPerSecond > 0) || !Double.isFinite(tokensPerSecond)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(hourly(replicas) / 3600 / tokensPerSecond * 1e6);
    }
}
