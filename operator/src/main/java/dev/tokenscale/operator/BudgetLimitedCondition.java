package dev.tokenscale.operator;

import dev.tokenscale.api.InferencePoolStatus;
import dev.tokenscale.api.PoolBudgetStatus;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/**
 * The budget's part of a pool's status: {@code status.budget} and the {@code BudgetLimited}
 * condition. A pool that no budget selects has neither, so deleting a budget clears them.
 */
final class BudgetLimitedCondition {

    static final String BUDGET_LIMITED = "BudgetLimited";

    private BudgetLimitedCondition() {}

    static void applyTo(InferencePoolStatus status, List<Condition> previous, BudgetShare share, Long generation, String now) {
        List<Condition> conditions = new ArrayList<>(status.getConditions());
        conditions.removeIf(c -> BUDGET_LIMITED.equals(c.getType()));
        if (share.conflict() != null) {
            conditions.add(condition(previous, generation, now, true, "BudgetConflict",
                    "The pool is " + share.conflict() + "; it holds until then."));
        } else if (share.inBudget()) {
            PoolBudgetStatus budget = new PoolBudgetStatus();
            budget.setName(share.budget());
            budget.setWanted(share.grant().wanted());
            budget.setGranted(share.grant().granted());
            status.setBudget(budget);
            if (share.grant().preempted() || share.grant().trimmedToLimit()) {
                conditions.add(condition(previous, generation, now, true, "Preempted", share.grant().why()));
            } else if (share.grant().capped()) {
                conditions.add(condition(previous, generation, now, true, "Capped", share.grant().why()));
            } else {
                conditions.add(condition(previous, generation, now, false, "WithinBudget",
                        "Budget " + share.budget() + " grants every replica the pool wants."));
            }
        }
        status.setConditions(conditions);
    }

    private static Condition condition(List<Condition> previous, Long generation, String now, boolean limited,
            String reason, String message) {
        return new ConditionSet(previous, generation, now).set(BUDGET_LIMITED, limited, reason, message).build().get(0);
    }
}
