package dev.tokenscale.policy;

import java.util.Objects;

/**
 * One pool's part in a budget round: what it holds, what its own policy wants unconstrained, and
 * what a replica of it costs.
 *
 * @param pool the pool's name, unique within the round (the operator uses namespace/name)
 * @param replicas what the workload has now
 * @param wanted the policy's answer, already within [minReplicas, maxReplicas]
 * @param replicaHourlyCost USD per hour of one replica, overhead included
 * @param sloBreached a latency SLO is over its target now; such a pool goes first within its class
 * @param signalsMissing a signal the pool uses is missing; the budget then never scales the pool
 *     down on its own account (only preemption, a decision about another pool, may)
 */
public record BudgetClaim(String pool, Priority priority, int minReplicas, int maxReplicas, int replicas, int wanted,
        double replicaHourlyCost, int gpusPerReplica, boolean sloBreached, boolean signalsMissing) {

    public BudgetClaim {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(priority, "priority");
        if (minReplicas < 0 || maxReplicas < minReplicas) {
            throw new IllegalArgumentException(pool + ": need 0 <= minReplicas <= maxReplicas, got " + minReplicas + ".." + maxReplicas);
        }
        if (replicas < 0) {
            throw new IllegalArgumentException(pool + ": replicas must be >= 0, got " + replicas);
        }
        if (wanted < minReplicas || wanted > maxReplicas) {
            throw new IllegalArgumentException(pool + ": wanted " + wanted + " is outside [" + minReplicas + ", " + maxReplicas + "]");
        }
        if (!(replicaHourlyCost >= 0) || !Double.isFinite(replicaHourlyCost)) {
            throw new IllegalArgumentException(pool + ": replicaHourlyCost must be a finite number >= 0, got " + replicaHourlyCost);
        }
        if (gpusPerReplica < 0) {
            throw new IllegalArgumentException(pool + ": gpusPerReplica must be >= 0, got " + gpusPerReplica);
        }
    }

    /**
     * The least the budget leaves the pool without preempting it: what it has, or less if it wants
     * less, never outside its bounds. The budget grants increments above this, it does not take back
     * what a pool holds and still wants (only preemption does, and only from preemptable pools).
     */
    public int floor() {
        return Math.max(minReplicas, Math.min(Math.min(replicas, wanted), maxReplicas));
    }

    public BudgetClaim withReplicas(int newReplicas) {
        return new BudgetClaim(pool, priority, minReplicas, maxReplicas, newReplicas, wanted, replicaHourlyCost,
                gpusPerReplica, sloBreached, signalsMissing);
    }
}
