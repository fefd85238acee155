package dev.tokenscale.sim;

/**
 * One row of the comparison table.
 *
 * @param dailyCost USD per 24 h at the replayed rate: run cost × 24 h ÷ run length
 * @param averageReplicas time-weighted over the run
 * @param offPeakWastePercent share of paid capacity left idle while the load was below its mean
 * @param savingsPercent (1 − dailyCost ÷ fixed-peak's dailyCost) × 100
 * @param savingsVsFixedSloPercent (1 − dailyCost ÷ fixed-slo's dailyCost) × 100; NaN when fixed-slo was
 *     not replayed. The static pool it is measured against holds the SLO, which the seed's fixed-peak
 *     does not at the peak
 * @param sloViolationMinutes time with traffic during which P99 TTFT or TPOT was over target
 * @param scaleEvents changes of the replica count
 */
public record StrategySummary(
        String name,
        double dailyCost,
        int peakReplicas,
        double averageReplicas,
        double offPeakWastePercent,
        double savingsPercent,
        double savingsVsFixedSloPercent,
        double sloViolationMinutes,
        int scaleEvents) {}
