package dev.tokenscale.operator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A label selector in the string form /scale reports it in ({@code app=llama,tier in (gpu),!canary}),
 * matched against labels in Java, so a pool's pods can be picked out of the pod cache instead of
 * asking the API server with the selector. Also renders a structured selector (a workload's
 * spec.selector) into that form, the way the API server does for /scale.
 */
record LabelSelectorText(String text, List<Predicate<Map<String, String>>> requirements) {

    /** @throws IllegalArgumentException naming the part of the selector it cannot read */
    static LabelSelectorText parse(String text) {
        List<Predicate<Map<String, String>>> requirements = new ArrayList<>();
        for (String part : requirements(text)) {
            requirements.add(requirement(part.trim(), text));
        }
        return new LabelSelectorText(text, List.copyOf(requirements));
    }

    /** The empty selector matches nothing here: /scale reports it for kinds without pods, and no pods belong to them. */
    boolean matches(Map<String, String> labels) {
        if (requirements.isEmpty()) {
            return false;
        }
        Map<String, String> present = labels == null ? Map.of() : labels;
        return requirements.stream().allMatch(r -> r.test(present));
    }

    /**
     * A {@code metav1.LabelSelector} as a plain map tree (matchLabels, matchExpressions), in string
     * form, keys sorted as the API server sorts them; empty for none.
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

    /** Splits at the commas between requirements, not those inside {@code in (a,b)}; nothing for blank text. */
    static List<String> requirements(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (!text.substring(start).isBlank() || !parts.isEmpty()) {
            parts.add(text.substring(start));
        }
        return parts;
    }

    private static Predicate<Map<String, String>> requirement(String part, String whole) {
        if (part.isEmpty()) {
            throw new IllegalArgumentException("label selector \"" + whole + "\" has an empty requirement");
        }
        String[] set = setRequirement(part);
        if (set != null) {
            String key = set[0];
            Set<String> values = Set.of(splitValues(set[2], whole));
            // A label the pod lacks is in no set; Set.of would throw on the null lookup.
            return "in".equals(set[1]) ? labels -> labels.containsKey(key) && values.contains(labels.get(key))
                    : labels -> !labels.containsKey(key) || !values.contains(labels.get(key));
        }
        int notEquals = part.indexOf("!=");
        if (notEquals > 0) {
            String key = part.substring(0, notEquals).trim();
            String value = part.substring(notEquals + 2).trim();
            return labels -> !value.equals(labels.get(key));
        }
        int equals = part.indexOf('=');
        if (equals > 0) {
            String key = part.substring(0, equals).trim();
            String value = part.substring(part.startsWith("==", equals) ? equals + 2 : equals + 1).trim();
            return labels -> value.equals(labels.get(key));
        }
        if (part.startsWith("!")) {
            String key = part.substring(1).trim();
            return labels -> !labels.containsKey(key);
        }
        if (part.contains(" ") || part.contains("(")) {
            throw new IllegalArgumentException("label selector \"" + whole + "\": cannot read \"" + part + "\"");
        }
        return labels -> labels.containsKey(part);
    }

    /** {key, "in"|"notin", values} for a set-based requirement, else null. */
    private static String[] setRequirement(String part) {
        int open = part.indexOf('(');
        if (open < 0 || !part.endsWith(")")) {
            return null;
        }
        String[] head = part.substring(0, open).trim().split("\\s+");
        if (head.length != 2 || !("in".equals(head[1]) || "notin".equals(head[1]))) {
            return null;
        }
        return new String[] {head[0], head[1], part.substring(open + 1, part.length() - 1)};
    }

    private static String[] splitValues(String values, String whole) {
        String[] split = values.split(",");
        for (int i = 0; i < split.length; i++) {
            split[i] = split[i].trim();
        }
        if (split.length == 1 && split[0].isEmpty()) {
            throw new IllegalArgumentException("label selector \"" + whole + "\" has an empty value set");
        }
        return split;
    }
}
