package dev.tokenscale.operator;

import dev.tokenscale.policy.LabelSelection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A label selector in the string form /scale reports it in ({@code app=llama,tier in (gpu),!canary}):
 * read into a {@link LabelSelection}, so a pool's pods can be picked out of the pod cache instead of
 * asking the API server with the selector, and rendered from a workload's structured spec.selector,
 * the way the API server renders it for /scale.
 */
final class LabelSelectorText {

    private LabelSelectorText() {
    }

    /**
     * @param text a non-empty selector; the grammar is the API server's, as {@link ShardSelector} checks it
     * @throws IllegalArgumentException naming the requirement it cannot read
     */
    static LabelSelection selection(String text) {
        return new ShardSelector(text).selection();
    }

    /**
     * A {@code metav1.LabelSelector} as a plain map tree (matchLabels, matchExpressions), in string
     * form, keys and values sorted; empty for none.
     */
    @SuppressWarnings("unchecked")
    static String render(Object selector) {
        if (!(selector instanceof Map<?, ?> map)) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        if (map.get("matchLabels") instanceof Map<?, ?> labels) {
            ((Map<String, Object>) labels).entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> parts.add(e.getKey() + "=" + e.getValue()));
        }
        if (map.get("matchExpressions") instanceof List<?> expressions) {
            for (Object e : expressions) {
                if (!(e instanceof Map<?, ?> expression)) {
                    continue;
                }
                String key = String.valueOf(expression.get("key"));
                List<String> values = expression.get("values") instanceof List<?> v
                        ? v.stream().map(String::valueOf).sorted().toList() : List.of();
                String operator = String.valueOf(expression.get("operator"));
                parts.add(switch (operator) {
                    case "In" -> key + " in (" + String.join(",", values) + ")";
                    case "NotIn" -> key + " notin (" + String.join(",", values) + ")";
                    case "Exists" -> key;
                    case "DoesNotExist" -> "!" + key;
                    default -> throw new IllegalArgumentException("selector operator " + operator + " is not a label selector operator");
                });
            }
        }
        return String.join(",", parts);
    }
}
