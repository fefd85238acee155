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

    /**
     * What the pool may take now without the budget ever being exceeded while other pools catch up:
     * its grant, but a scale-up only as far as the money allows with every other pool counted at the
     * larger of what it holds and what it was granted. A victim still holding replicas it is to give
     * back, or a pool granted an increment it has not taken yet, keeps its money until it acts.
     * Never below the pool's grant when that is a scale-down.
     */
    public int applicable(String pool) {
        PoolGrant mine = grantOf(pool);
        if (mine.granted() <= mine.replicas()) {
            return mine.granted();
        }
        double othersSpend = 0;
        long othersGpus = 0;
        for (PoolGrant other : grants) {
            if (!other.pool().equals(pool)) {
                int held = Math.max(other.replicas(), other.granted());
                othersSpend += held * other.replicaHourlyCost();
                othersGpus += (long) held * other.gpusPerReplica();
            }
        }
        int take = Math.max(mine.replicas(), mine.minReplicas());
        while (take < mine.granted() && limit.allows(othersSpend + (take + 1) * mine.replicaHourlyCost(),
                othersGpus + (long) (take + 1) * mine.gpusPerReplica())) {
            take++;
        }
        return Math.min(take, mine.granted());
    }

    public PoolGrant grantOf(String pool) {
        return grants.stream().filter(g -> g.pool().equals(pool)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no pool " + pool + " in this round"));
    }
}
