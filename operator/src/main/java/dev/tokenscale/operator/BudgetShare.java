package dev.tokenscale.operator;

import dev.tokenscale.policy.BudgetRound;
import dev.tokenscale.policy.Decision;
import dev.tokenscale.policy.PoolGrant;

/**
 * What a pool's budget made of its decision in one evaluation.
 *
 * @param budget the budget's name; null when no budget selects the pool
 * @param conflict "selected by budgets a and b; ..." when two budgets select it, else null
 * @param round the budget's round; null without a budget or with a conflict
 * @param decision the pool's decision after the budget: the policy's own when the budget lets it
 */
public record BudgetShare(String budget, String conflict, BudgetRound round, PoolGrant grant, Decision decision) {

    static BudgetShare none(Decision decision) {
        return new BudgetShare(null, null, null, null, decision);
    }

    public boolean inBudget() {
        return round != null;
    }
}
