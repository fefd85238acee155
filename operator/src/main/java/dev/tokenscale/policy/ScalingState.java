package dev.tokenscale.policy;

import java.time.Instant;

/**
 * What the workload looks like now, and when this pool last scaled. The times are nullable: null
 * means "never", so no cooldown applies.
 */
public record ScalingState(int replicas, int readyReplicas, Instant lastScaleUpTime, Instant lastScaleDownTime) {

    public ScalingState {
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must be >= 0, got " + replicas);
        }
        if (readyReplicas < 0) {
            throw new IllegalArgumentException("readyReplicas must be >= 0, got " + readyReplicas);
        }
    }

    public static ScalingState steady(int replicas) {
        return new ScalingState(replicas, replicas, null, null);
    }
}
