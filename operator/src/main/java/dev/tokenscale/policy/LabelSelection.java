package dev.tokenscale.policy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A Kubernetes label selector as plain values: every {@code matchLabels} pair and every expression
 * must hold. An empty selection matches everything, as an empty selector does in Kubernetes.
 */
public record LabelSelection(Map<String, String> matchLabels, List<Expression> expressions) {

    public static final LabelSelection EVERYTHING = new LabelSelection(Map.of(), List.of());

    public LabelSelection {
        matchLabels = Map.copyOf(matchLabels);
        expressions = List.copyOf(expressions);
    }

    public enum Operator { IN, NOT_IN, EXISTS, DOES_NOT_EXIST }

    public record Expression(String key, Operator operator, Set<String> values) {
        public Expression {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(operator, "operator");
            values = Set.copyOf(values);
            boolean needsValues = operator == Operator.IN || operator == Operator.NOT_IN;
            if (needsValues == values.isEmpty()) {
                throw new IllegalArgumentException("label selector on " + key + ": " + operator
                        + (needsValues ? " needs values" : " takes no values"));
            }
        }

        boolean holds(Map<String, String> labels) {
            String value = labels.get(key);
            return switch (operator) {
                case IN -> value != null && values.contains(value);
                case NOT_IN -> value == null || !values.contains(value);
                case EXISTS -> value != null;
                case DOES_NOT_EXIST -> value == null;
            };
        }
    }

    public boolean matches(Map<String, String> labels) {
        Map<String, String> safe = labels == null ? Map.of() : labels;
        return matchLabels.entrySet().stream().allMatch(e -> e.getValue().equals(safe.get(e.getKey())))
                && expressions.stream().allMatch(e -> e.holds(safe));
    }
}
