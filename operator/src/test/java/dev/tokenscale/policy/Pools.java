package dev.tokenscale.policy;

import java.time.Duration;
import java.time.Instant;

/** Test fixtures: the seed's settings for a 1..10 pool of 8-GPU replicas at $2/GPU-hour, and snapshots from plain values. */
final class Pools {

    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    private Pools() {}

    static PolicySettings seed() {
        return PolicySettings.seedDefaults(1, 10, 8, 2.0);
    }

    static PolicySettings withQueue(double perReplica) {
        return withQueue(1, 10, perReplica);
    }

    static PolicySettings withQueue(int min, int max, double perReplica) {
        PolicySettings s = seed();
        return new PolicySettings(min, max, s.ttftSlo(), s.tpotSlo(),
                s.scaleUpAbovePercent(), s.scaleDownBelowPercent(), s.targetPercent(), perReplica,
                s.scaleUpCooldown(), s.scaleDownCooldown(), s.stepPolicy(), s.maxStepUp(), s.maxStepDown(),
                s.gpusPerReplica(), s.gpuHourlyCost());
    }

    static PolicySettings bounds(int min, int max) {
        PolicySettings s = seed();
        return new PolicySettings(min, max, s.ttftSlo(), s.tpotSlo(),
                s.scaleUpAbovePercent(), s.scaleDownBelowPercent(), s.targetPercent(), s.queueScaleUpAbovePerReplica(),
                s.scaleUpCooldown(), s.scaleDownCooldown(), s.stepPolicy(), s.maxStepUp(), s.maxStepDown(),
                s.gpusPerReplica(), s.gpuHourlyCost());
    }

    static PolicySettings proportional(int min, int max, double targetPercent, int maxStepUp, int maxStepDown) {
        PolicySettings s = seed();
        return new PolicySettings(min, max, s.ttftSlo(), s.tpotSlo(),
                s.scaleUpAbovePercent(), s.scaleDownBelowPercent(), targetPercent, null,
                s.scaleUpCooldown(), s.scaleDownCooldown(), StepPolicy.PROPORTIONAL, maxStepUp, maxStepDown,
                s.gpusPerReplica(), s.gpuHourlyCost());
    }

    static PolicySettings cooldowns(Duration up, Duration down) {
        PolicySettings s = seed();
        return new PolicySettings(s.minReplicas(), s.maxReplicas(), s.ttftSlo(), s.tpotSlo(),
                s.scaleUpAbovePercent(), s.scaleDownBelowPercent(), s.targetPercent(), null,
                up, down, s.stepPolicy(), s.maxStepUp(), s.maxStepDown(), s.gpusPerReplica(), s.gpuHourlyCost());
    }

    /**
     * A snapshot from table values: a Number is present, the string "idle" is idle, null is missing
     * (no series). The order is ttftP99Ms, tpotP99Ms, utilizationPercent, queueDepth.
     */
    static SignalSnapshot signals(Object ttft, Object tpot, Object utilization, Object queue) {
        SignalSnapshot.Builder builder = SignalSnapshot.builder().observedAt(NOW);
        put(builder, Signal.TTFT_P99_MS, ttft);
        put(builder, Signal.TPOT_P99_MS, tpot);
        put(builder, Signal.UTILIZATION_PERCENT, utilization);
        put(builder, Signal.QUEUE_DEPTH, queue);
        return builder.build();
    }

    /** Latencies well inside the SLO, utilization in the band, no queue. */
    static SignalSnapshot healthy(double utilization) {
        return signals(300.0, 30.0, utilization, 0.0);
    }

    private static void put(SignalSnapshot.Builder builder, Signal signal, Object value) {
        if (value == null) {
            builder.missing(signal, MissingReason.NO_SERIES, "test");
        } else if ("idle".equals(value)) {
            builder.idle(signal);
        } else {
            builder.present(signal, ((Number) value).doubleValue());
        }
    }

    static ScalingState ready(int replicas) {
        return ScalingState.steady(replicas);
    }

    static ScalingState starting(int replicas, int ready) {
        return new ScalingState(replicas, ready, null, null);
    }

    static ScalingState scaledUpAgo(int replicas, Duration ago) {
        return new ScalingState(replicas, replicas, NOW.minus(ago), null);
    }

    static ScalingState scaledDownAgo(int replicas, Duration ago) {
        return new ScalingState(replicas, replicas, null, NOW.minus(ago));
    }
}
