package dev.tokenscale.operator;

import dev.tokenscale.policy.PolicySettings;

/**
 * The last check before a /scale write. The policy already keeps its targets in [min, max]; this
 * repeats the rule where the write happens, so a future bug in any replica arithmetic ends as a
 * refused write and an {@code InvalidDecision} Event, never as a wrong replica count on a workload.
 */
public record ReplicaBounds(int minReplicas, int maxReplicas) {

    public static ReplicaBounds of(PolicySettings settings) {
        return new ReplicaBounds(settings.minReplicas(), settings.maxReplicas());
    }

    /** @throws InvalidDecisionException when {@code to} is negative or outside [minReplicas, maxReplicas] */
    public void check(int to) throws InvalidDecisionException {
        if (to < 0 || to < minReplicas || to > maxReplicas) {
            throw new InvalidDecisionException("refused to write " + to + " replicas: outside [minReplicas "
                    + minReplicas + ", maxReplicas " + maxReplicas + "]" + (to < 0 ? " and negative" : "")
                    + "; nothing was written");
        }
    }
}
