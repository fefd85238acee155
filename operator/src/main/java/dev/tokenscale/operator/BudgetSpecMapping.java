package dev.tokenscale.operator;

import dev.tokenscale.api.BudgetLabelRequirement;
import dev.tokenscale.api.BudgetLabelSelector;
import dev.tokenscale.api.InferenceBudgetSpec;
import dev.tokenscale.api.InferencePoolSpec;
import dev.tokenscale.api.PoolPriority;
import dev.tokenscale.policy.BudgetLimit;
import dev.tokenscale.policy.LabelSelection;
import dev.tokenscale.policy.Priority;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Turns an {@code InferenceBudget} spec, and a pool's priority, into plain values for the
 * {@link dev.tokenscale.policy.BudgetAllocator}. It repeats the schema's rules (the mock API server
 * and an old CRD do not enforce them) and names the field of the first problem.
 */
public final class BudgetSpecMapping {

    private BudgetSpecMapping() {}

    /** The pool's priority class; interactive when unset, as the CRD defaults it. */
    public static Priority priority(InferencePoolSpec spec) {
        PoolPriority priority = spec == null ? null : spec.getPriority();
        if (priority == null) {
            return Priority.DEFAULT;
        }
        return switch (priority) {
            case REALTIME -> Priority.REALTIME;
            case INTERACTIVE -> Priority.INTERACTIVE;
            case BATCH -> Priority.BATCH;
            case BACKGROUND -> Priority.BACKGROUND;
        };
    }

    public static BudgetLimit limit(InferenceBudgetSpec spec) {
        if (spec == null) {
            throw new InvalidSpecException("spec", "is required");
        }
        Double money = spec.getMaxHourlyCost();
        Integer gpus = spec.getMaxGPUs();
        if (money == null && gpus == null) {
            throw new InvalidSpecException("spec", "set maxHourlyCost, maxGPUs or both");
        }
        if (money != null && (!(money >= 0) || !Double.isFinite(money))) {
            throw new InvalidSpecException("spec.maxHourlyCost", money + " must be a finite number >= 0");
        }
        if (gpus != null && gpus < 0) {
            throw new InvalidSpecException("spec.maxGPUs", gpus + " must be >= 0");
        }
        return new BudgetLimit(money, gpus);
    }

    public static LabelSelection selection(BudgetLabelSelector selector, String field) {
        if (selector == null) {
            return LabelSelection.EVERYTHING;
        }
        Map<String, String> labels = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        List<LabelSelection.Expression> expressions = new ArrayList<>();
        List<BudgetLabelRequirement> requirements = selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
        for (int i = 0; i < requirements.size(); i++) {
            BudgetLabelRequirement r = requirements.get(i);
            String at = field + ".matchExpressions[" + i + "]";
            if (r == null || r.getKey() == null || r.getKey().isBlank()) {
                throw new InvalidSpecException(at + ".key", "is required");
            }
            LabelSelection.Operator operator = switch (r.getOperator() == null ? "" : r.getOperator()) {
                case "In" -> LabelSelection.Operator.IN;
                case "NotIn" -> LabelSelection.Operator.NOT_IN;
                case "Exists" -> LabelSelection.Operator.EXISTS;
                case "DoesNotExist" -> LabelSelection.Operator.DOES_NOT_EXIST;
                default -> throw new InvalidSpecException(at + ".operator",
                        "'" + r.getOperator() + "' is not one of In, NotIn, Exists, DoesNotExist");
            };
            try {
                expressions.add(new LabelSelection.Expression(r.getKey(), operator,
                        new HashSet<>(r.getValues() == null ? List.of() : r.getValues())));
            } catch (IllegalArgumentException e) {
                throw new InvalidSpecException(at + ".values", e.getMessage());
            }
        }
        return new LabelSelection(labels, expressions);
    }
}
