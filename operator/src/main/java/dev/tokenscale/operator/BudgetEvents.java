package dev.tokenscale.operator;

import dev.tokenscale.api.InferencePool;
import dev.tokenscale.policy.Action;
import dev.tokenscale.policy.PoolGrant;
import dev.tokenscale.policy.Reason;

/**
 * The Events of a pool's budget: {@code Preempted} when the pool gave replicas back for another,
 * naming it, and {@code BudgetLimited} while the budget grants less than the pool wants. Messages
 * carry the budget and the pools, not moving figures, so a long squeeze folds into one Event.
 */
final class BudgetEvents {

    private BudgetEvents() {}

    static void emit(PoolEvents events, InferencePool pool, BudgetShare share, boolean applied) {
        if (share.conflict() != null) {
            events.record(pool, EventReason.BudgetConflict, "The pool is " + share.conflict() + ".");
            return;
        }
        if (!share.inBudget()) {
            return;
        }
        PoolGrant grant = share.grant();
        if (applied && share.decision().reason() == Reason.PREEMPTED && share.decision().action() == Action.SCALE_DOWN) {
            String forWhom = grant.preemptedFor().isEmpty()
                    ? "to bring budget " + share.budget() + " back under its limit"
                    : "for " + String.join(", ", grant.preemptedFor()) + " in budget " + share.budget();
            events.record(pool, EventReason.Preempted, "Preempted (" + grant.priority().key() + "): scaled from "
                    + share.decision().from() + " to " + share.decision().to() + " replicas " + forWhom + ".");
        } else if (grant.capped() && !grant.preempted()) {
            events.record(pool, EventReason.BudgetLimited, "Budget " + share.budget() + " grants fewer replicas than the pool wants: "
                    + grant.why());
        }
    }
}
