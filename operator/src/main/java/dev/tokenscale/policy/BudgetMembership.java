package dev.tokenscale.policy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which budget a pool belongs to. A pool belongs to at most one: when several budgets select it, it
 * belongs to none of them and is refused, naming them all, since granting it from either would let
 * the two budgets' owners spend the same money twice.
 *
 * @param conflicting the names of every budget that selects the pool, sorted, when there are two or more
 */
public record BudgetMembership(Optional<String> budget, List<String> conflicting) {

    /** A budget's selectors, by name. */
    public record Selectors(String budget, LabelSelection namespaceSelector, LabelSelection poolSelector) {}

    public BudgetMembership {
        conflicting = List.copyOf(conflicting);
    }

    public boolean conflict() {
        return conflicting.size() > 1;
    }

    public static BudgetMembership of(List<Selectors> budgets, Map<String, String> namespaceLabels, Map<String, String> poolLabels) {
        List<String> matching = budgets.stream()
                .filter(b -> b.namespaceSelector().matches(namespaceLabels) && b.poolSelector().matches(poolLabels))
                .map(Selectors::budget)
                .sorted()
                .toList();
        if (matching.size() == 1) {
            return new BudgetMembership(Optional.of(matching.get(0)), List.of());
        }
        return new BudgetMembership(Optional.empty(), matching.size() > 1 ? matching : List.of());
    }

    /** For a condition: "selected by budgets a and b; a pool may belong to one budget only". */
    public String describeConflict() {
        return "selected by budgets " + String.join(" and ", conflicting) + "; a pool may belong to one budget only";
    }
}
