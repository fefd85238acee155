package dev.tokenscale.cost;

/**
 * The seed's {@code cost_model_detailed}: what tokens cost on a GPU deployment once utilization and
 * overhead are counted. A month is 30 days of sustained load, as in the seed.
 *
 * @param costPer1kTokens USD per thousand tokens
 * @param costPer1mTokens USD per million tokens
 * @param monthlyGpuCost USD for 30 days, overhead included
 * @param monthlyTokensMillions tokens generated in 30 days, in millions
 * @param effectiveThroughput tokens per second after utilization
 */
public record DetailedCost(
        double costPer1kTokens,
        double costPer1mTokens,
        double monthlyGpuCost,
        double monthlyTokensMillions,
        double effectiveThroughput) {

    private static final double SECONDS_PER_MONTH = 3600.0 * 24 * 30;

    /** The seed's default overhead for networking and storage, in percent. */
    public static final double DEFAULT_OVERHEAD_PERCENT = 5.0;

    /**
     * @param numGpus GPUs in the deployment
     * @param gpuCostPerHour USD per GPU-hour
     * @param throughputTokensPerSecond throughput at full utilization
     * @param utilizationPercent share of that throughput actually used
     * @param overheadPercent cost added on top of the GPUs
     */
    public static DetailedCost of(int numGpus, double gpuCostPerHour, double throughputTokensPerSecond,
            double utilizationPercent, double overheadPercent) {
        double effectiveThroughput = throughputTokensPerSecond * (utilizationPercent / 100);
        if (!(effectiveThroughput > 0) || !Double.isFinite(effectiveThroughput)) {
            throw new IllegalArgumentException("throughput x utilization must be above 0, got "
                    + throughputTokensPerSecond + " tok/s at " + utilizationPercent + "%");
        }
        double gpuCostPerSecond = (numGpus * gpuCostPerHour) / 3600;
        double totalCostPerSecond = gpuCostPerSecond * (1 + overheadPercent / 100);
        double costPer1k = (totalCostPerSecond / effectiveThroughput) * 1000;
        return new DetailedCost(
                costPer1k,
                costPer1k * 1000,
                totalCostPerSecond * SECONDS_PER_MONTH,
                effectiveThroughput * SECONDS_PER_MONTH / 1e6,
                effectiveThroughput);
    }
}
