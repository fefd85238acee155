package dev.tokenscale.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The latest claim of every pool, per budget, so that each pool's evaluation can run the round of
 * its budget over what every other pool of it last wanted. Pools are evaluated on their own
 * schedules, so a round is rerun whenever one of them reports; the budget's limit comes with each
 * report (re-read every round), and a pool that leaves its budget, or whose budget is deleted, takes
 * its claim away. Thread-safe: pools are evaluated in parallel.
 */
public final class BudgetLedger {

    private final BudgetAllocator allocator = new BudgetAllocator();
    private final Map<String, Map<String, BudgetClaim>> claimsByBudget = new HashMap<>();
    private final Map<String, String> budgetOfPool = new HashMap<>();

    /**
     * Records the pool's claim under its budget and runs that budget's round.
     *
     * @param others claims of the budget's other pools that never reported yet (e.g. right after a
     *     restart), so their replicas are counted; a pool's own reports always win over these
     */
    public synchronized BudgetRound submit(String budget, BudgetLimit limit, BudgetClaim claim, List<BudgetClaim> others) {
        withdraw(claim.pool());
        Map<String, BudgetClaim> claims = claimsByBudget.computeIfAbsent(budget, k -> new LinkedHashMap<>());
        for (BudgetClaim other : others) {
            if (!other.pool().equals(claim.pool()) && !budgetOfPool.containsKey(other.pool())) {
                claims.put(other.pool(), other);
                budgetOfPool.put(other.pool(), budget);
            }
        }
        claims.put(claim.pool(), claim);
        budgetOfPool.put(claim.pool(), budget);
        return allocator.allocate(limit, new ArrayList<>(claims.values()));
    }

    /** After the operator scaled a pool on the round's word (a preemption), its claim holds the new count. */
    public synchronized void replicasChanged(String pool, int replicas) {
        String budget = budgetOfPool.get(pool);
        if (budget != null) {
            claimsByBudget.get(budget).computeIfPresent(pool, (k, c) -> c.withReplicas(replicas));
        }
    }

    /** The pool left its budget, its budget is gone, or the pool was deleted. */
    public synchronized void withdraw(String pool) {
        String budget = budgetOfPool.remove(pool);
        if (budget != null) {
            Map<String, BudgetClaim> claims = claimsByBudget.get(budget);
            claims.remove(pool);
            if (claims.isEmpty()) {
                claimsByBudget.remove(budget);
            }
        }
    }

    public synchronized Optional<String> budgetOf(String pool) {
        return Optional.ofNullable(budgetOfPool.get(pool));
    }

    public synchronized List<BudgetClaim> claimsOf(String budget) {
        return List.copyOf(claimsByBudget.getOrDefault(budget, Map.of()).values());
    }
}
