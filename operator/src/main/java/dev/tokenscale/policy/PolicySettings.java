package dev.tokenscale.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * A pool's scaling settings as plain values, already validated and defaulted by the spec mapping.
 *
 * @param queueScaleUpAbovePerReplica null when the queue signal is not used
 * @param maxStepUp most replicas one decision adds; {@link #UNLIMITED} means only the bounds cap it
 * @param maxStepDown most replicas one decision removes; {@link #UNLIMITED} means only the bounds cap it
 * @param adaptive what only the Adaptive policy reads: the capacity hint and the signals' window
 * @param gpuHourlyCost USD per GPU-hour as the pool pays it, overhead included (the spec mapping adds
 *     spec.cost.overheadPercent), so that a scale-down's savings equal the drop in the pool's hourly cost
 * @param minCoveragePercent the share of ready pods that must report before a scale-down, 0..100
 */
public record PolicySettings(
        int minReplicas,
        int maxReplicas,
        Duration ttftSlo,
        Duration tpotSlo,
        double scaleUpAbovePercent,
        double scaleDownBelowPercent,
        double targetPercent,
        Double queueScaleUpAbovePerReplica,
        Duration scaleUpCooldown,
        Duration scaleDownCooldown,
        StepPolicy stepPolicy,
        int maxStepUp,
        int maxStepDown,
        int gpusPerReplica,
        double gpuHourlyCost,
        double minCoveragePercent,
        AdaptiveSettings adaptive) {

    /** spec.metrics.minCoverage's default. */
    public static final double DEFAULT_MIN_COVERAGE_PERCENT = 80;

    /** maxStepUp or maxStepDown when the user set none on a policy that sizes in one move. */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    public PolicySettings {
        Objects.requireNonNull(adaptive, "adaptive");
        Objects.requireNonNull(ttftSlo, "ttftSlo");
        Objects.requireNonNull(tpotSlo, "tpotSlo");
        Objects.requireNonNull(scaleUpCooldown, "scaleUpCooldown");
        Objects.requireNonNull(scaleDownCooldown, "scaleDownCooldown");
        Objects.requireNonNull(stepPolicy, "stepPolicy");
        if (minReplicas < 0 || maxReplicas < 1 || minReplicas > maxReplicas) {
            throw new IllegalArgumentException(
                    "need 0 <= minReplicas <= maxReplicas and maxReplicas >= 1, got " + minReplicas + ".." + maxReplicas);
        }
        if (!(scaleDownBelowPercent < scaleUpAbovePercent)) {
            throw new IllegalArgumentException("scaleDownBelowPercent must be below scaleUpAbovePercent");
        }
        if (maxStepUp < 1 || maxStepDown < 1) {
            throw new IllegalArgumentException("maxStepUp and maxStepDown must be >= 1");
        }
        if (!(minCoveragePercent >= 0 && minCoveragePercent <= 100)) {
            throw new IllegalArgumentException("minCoveragePercent must be within 0..100, got " + minCoveragePercent);
        }
    }

    /** Settings with the default quorum of {@value #DEFAULT_MIN_COVERAGE_PERCENT}%. */
    public PolicySettings(int minReplicas, int maxReplicas, Duration ttftSlo, Duration tpotSlo, double scaleUpAbovePercent,
            double scaleDownBelowPercent, double targetPercent, Double queueScaleUpAbovePerReplica, Duration scaleUpCooldown,
            Duration scaleDownCooldown, StepPolicy stepPolicy, int maxStepUp, int maxStepDown, int gpusPerReplica,
            double gpuHourlyCost) {
        this(minReplicas, maxReplicas, ttftSlo, tpotSlo, scaleUpAbovePercent, scaleDownBelowPercent, targetPercent,
                queueScaleUpAbovePerReplica, scaleUpCooldown, scaleDownCooldown, stepPolicy, maxStepUp, maxStepDown,
                gpusPerReplica, gpuHourlyCost, DEFAULT_MIN_COVERAGE_PERCENT, AdaptiveSettings.NONE);
    }

    /** These settings with another quorum. */
    public PolicySettings withMinCoveragePercent(double value) {
        return new PolicySettings(minReplicas, maxReplicas, ttftSlo, tpotSlo, scaleUpAbovePercent, scaleDownBelowPercent,
                targetPercent, queueScaleUpAbovePerReplica, scaleUpCooldown, scaleDownCooldown, stepPolicy, maxStepUp,
                maxStepDown, gpusPerReplica, gpuHourlyCost, value, adaptive);
    }

    /** Settings with a quorum and without a capacity hint, for the policies that do not read one. */
    public PolicySettings(int minReplicas, int maxReplicas, Duration ttftSlo, Duration tpotSlo,
            double scaleUpAbovePercent, double scaleDownBelowPercent, double targetPercent,
            Double queueScaleUpAbovePerReplica, Duration scaleUpCooldown, Duration scaleDownCooldown,
            StepPolicy stepPolicy, int maxStepUp, int maxStepDown, int gpusPerReplica, double gpuHourlyCost,
            double minCoveragePercent) {
        this(minReplicas, maxReplicas, ttftSlo, tpotSlo, scaleUpAbovePercent, scaleDownBelowPercent, targetPercent,
                queueScaleUpAbovePerReplica, scaleUpCooldown, scaleDownCooldown, stepPolicy, maxStepUp, maxStepDown,
                gpusPerReplica, gpuHourlyCost, minCoveragePercent, AdaptiveSettings.NONE);
    }

    /** The same settings with another policy, step caps and adaptive settings; what {@code simulate}'s adaptive strategy runs. */
    public PolicySettings withPolicy(StepPolicy policy, int stepUp, int stepDown, AdaptiveSettings adaptiveSettings) {
        return new PolicySettings(minReplicas, maxReplicas, ttftSlo, tpotSlo, scaleUpAbovePercent, scaleDownBelowPercent,
                targetPercent, queueScaleUpAbovePerReplica, scaleUpCooldown, scaleDownCooldown, policy, stepUp, stepDown,
                gpusPerReplica, gpuHourlyCost, minCoveragePercent, adaptiveSettings);
    }

    /** The seed's CostAwareAutoscaler defaults with the given bounds and cost, for tests and tools. */
    public static PolicySettings seedDefaults(int minReplicas, int maxReplicas, int gpusPerReplica, double gpuHourlyCost) {
        return new PolicySettings(minReplicas, maxReplicas,
                Duration.ofMillis(500), Duration.ofMillis(50),
                80, 30, 70, null,
                Duration.ofSeconds(60), Duration.ofSeconds(300),
                StepPolicy.STEP, 1, 1, gpusPerReplica, gpuHourlyCost);
    }

    public boolean usesQueue() {
        return queueScaleUpAbovePerReplica != null;
    }
}
