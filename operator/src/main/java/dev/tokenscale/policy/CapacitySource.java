package dev.tokenscale.policy;

/** Where the Adaptive policy's per-replica capacity came from. The keys are the wire names in JSON and status. */
public enum CapacitySource {
    /** Learned from enough samples of this pool. */
    LEARNED("learned"),
    /** The user's {@code spec.capacity.requestsPerSecondPerReplica}, until enough samples exist. */
    HINT("hint"),
    /** Neither: the policy sizes on utilization, as Proportional does. */
    NONE("none");

    private final String key;

    CapacitySource(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
