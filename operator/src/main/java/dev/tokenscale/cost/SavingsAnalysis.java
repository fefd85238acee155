package dev.tokenscale.cost;

import java.util.List;

/**
 * The seed's {@code cost_savings_analysis}: a day of fixed capacity sized for the peak against a day
 * that follows the load hour by hour within [min, max]. As in the seed, the fixed pool is sized for
 * the peak whatever maxReplicas says, so a max below the peak shows up as savings bought with
 * overload; the simulator is where that trade is judged.
 *
 * @param savingsPercent (1 − autoscaled / fixed) × 100
 */
public record SavingsAnalysis(double fixedDailyCost, double autoscaledDailyCost, double dailySavings, double savingsPercent) {

    /** The pattern covers a day, one point per hour, so each point costs one hour of its replicas. */
    public static final int HOURS_PER_DAY = 24;

    public static SavingsAnalysis of(List<TrafficHour> pattern, double rpsPerReplica, int gpusPerReplica,
            double gpuHourlyCost, int minReplicas, int maxReplicas) {
        if (pattern.size() != HOURS_PER_DAY) {
            throw new IllegalArgumentException("the traffic pattern needs one point per hour of a day (24), got " + pattern.size());
        }
        if (minReplicas < 0 || maxReplicas < Math.max(1, minReplicas)) {
            throw new IllegalArgumentException("need 0 <= minReplicas <= maxReplicas and maxReplicas >= 1, got "
                    + minReplicas + ".." + maxReplicas);
        }
        double replicaHourCost = gpusPerReplica * gpuHourlyCost;
        double peakRps = pattern.stream().mapToDouble(TrafficHour::rps).max().orElseThrow();
        int replicasForPeak = Math.max(1, ReplicasForLoad.of(peakRps, rpsPerReplica));
        double fixedDailyCost = replicasForPeak * replicaHourCost * HOURS_PER_DAY;

        double autoscaledDailyCost = 0;
        for (TrafficHour point : pattern) {
            int needed = Math.max(minReplicas, ReplicasForLoad.of(point.rps(), rpsPerReplica));
            autoscaledDailyCost += Math.min(needed, maxReplicas) * replicaHourCost;
        }
        double savingsPercent = fixedDailyCost > 0 ? (1 - autoscaledDailyCost / fixedDailyCost) * 100 : 0;
        return new SavingsAnalysis(fixedDailyCost, autoscaledDailyCost, fixedDailyCost - autoscaledDailyCost, savingsPercent);
    }
}
