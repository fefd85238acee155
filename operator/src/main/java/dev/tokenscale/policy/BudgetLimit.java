package dev.tokenscale.policy;

/**
 * What a budget allows at once: USD per hour (overhead counted as in the pool's cost) and GPUs.
 * Either may be unset (null), not both.
 */
public record BudgetLimit(Double maxHourlyCost, Integer maxGpus) {

    /** Money is compared to the cent's billionth, so a sum of hourly costs that equals the limit fits. */
    private static final double TOLERANCE = 1e-9;

    public BudgetLimit {
        if (maxHourlyCost == null && maxGpus == null) {
            throw new IllegalArgumentException("a budget needs maxHourlyCost, maxGPUs or both");
        }
        if (maxHourlyCost != null && (!(maxHourlyCost >= 0) || !Double.isFinite(maxHourlyCost))) {
            throw new IllegalArgumentException("maxHourlyCost must be a finite number >= 0, got " + maxHourlyCost);
        }
        if (maxGpus != null && maxGpus < 0) {
            throw new IllegalArgumentException("maxGPUs must be >= 0, got " + maxGpus);
        }
    }

    public boolean allows(double hourlyCost, long gpus) {
        return (maxHourlyCost == null || hourlyCost <= maxHourlyCost + TOLERANCE)
                && (maxGpus == null || gpus <= maxGpus);
    }

    /** "$100.00/h", "16 GPUs" or both, for messages. */
    public String describe() {
        String money = maxHourlyCost == null ? null : HumanText.money(maxHourlyCost) + "/h";
        String gpus = maxGpus == null ? null : maxGpus + " GPUs";
        return money == null ? gpus : gpus == null ? money : money + " and " + gpus;
    }
}
