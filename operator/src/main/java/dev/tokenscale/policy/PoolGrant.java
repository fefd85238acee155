package dev.tokenscale.policy;

import java.util.List;

/**
 * What a budget round grants one pool.
 *
 * @param preemptedFor the pools the replicas taken from this one went to, in order; empty unless preempted
 * @param why one sentence for status, Events and {@code explain}
 */
public record PoolGrant(String pool, Priority priority, int minReplicas, int replicas, int wanted, int granted,
        double replicaHourlyCost, int gpusPerReplica, List<String> preemptedFor, boolean trimmedToLimit, String why) {

    public PoolGrant {
        preemptedFor = List.copyOf(preemptedFor);
    }

    /** Granted less than its policy wanted. */
    public boolean capped() {
        return granted < wanted;
    }

    /** Scaled down below what it holds and wants, for a higher-priority pool. */
    public boolean preempted() {
        return !preemptedFor.isEmpty();
    }
}
