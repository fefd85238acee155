package dev.tokenscale.policy;

import java.util.List;

/**
 * The outcome of one budget round over all the pools of a budget.
 *
 * @param spentPerHour USD per hour of every pool at its granted replicas
 * @param gpus GPUs of every pool at its granted replicas
 * @param belowMinimums the pools' minReplicas alone exceed the limit; minReplicas win
 * @param overLimit the grants exceed the limit (minReplicas, or non-preemptable pools holding more than a lowered limit)
 * @param shortfall non-preemptable demand that could not be granted, lowest class first capped
 * @param preemptions replicas taken from preemptable pools, and for whom
 * @param message one or two sentences for the budget's condition
 */
public record BudgetRound(BudgetLimit limit, List<PoolGrant> grants, double spentPerHour, long gpus, boolean belowMinimums,
        boolean overLimit, List<Shortfall> shortfall, List<Preemption> preemptions, String message) {

    public BudgetRound {
        grants = List.copyOf(grants);
        shortfall = List.copyOf(shortfall);
        preemptions = List.copyOf(preemptions);
    }

    /** A non-preemptable pool granted fewer replicas than it wants, and what they would cost. */
    public record Shortfall(String pool, int replicas, double hourlyCost) {}

    /**
     * Replicas taken from a preemptable pool.
     *
     * @param beneficiary the pool that got the money; null when the replicas were taken to bring the
     *     budget back under a lowered limit
     */
    public record Preemption(String victim, String beneficiary, int replicas) {}

    /** The limit is exceeded or a non-preemptable pool's demand went unmet. */
    public boolean overCommitted() {
        return overLimit || !shortfall.isEmpty();
    }

    public long cappedPools() {
        return grants.stream().filter(PoolGrant::capped).count();
    }

    public PoolGrant grantOf(String pool) {
        return grants.stream().filter(g -> g.pool().equals(pool)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no pool " + pool + " in this round"));
    }
}
