package dev.tokenscale.cost;

/** The seed's {@code cost_per_token}: GPU cost per second over tokens per second. */
public final class CostPerToken {

    private CostPerToken() {}

    /**
     * @param gpuHourlyCost USD per hour of the GPUs serving the tokens
     * @param tokensPerSecond throughput; must be above zero, there is no cost per token without tokens
     * @return USD per generated token
     */
    public static double of(double gpuHourlyCost, double tokensPerSecond) {
        if (!(tokensPerSecond > 0) || !Double.isFinite(tokensPerSecond)) {
            throw new IllegalArgumentException("tokensPerSecond must be a finite number above 0, got " + tokensPerSecond);
        }
        double gpuCostPerSecond = gpuHourlyCost / 3600;
        return gpuCostPerSecond / tokensPerSecond;
    }
}
