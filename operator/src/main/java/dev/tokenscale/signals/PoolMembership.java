package dev.tokenscale.signals;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which series of a batch belong to one pool, read from the pool's own matchers: its namespace, and
 * for every other label the values it allows (one for a selector label, the current pods for
 * {@code pod=~"a|b"}). A batch answer is grouped by all these labels, so membership is decided on the
 * grouped series alone. A label a series lacks counts as the empty value, as in a PromQL matcher.
 *
 * @param allowed the allowed values of every label but the namespace
 */
record PoolMembership(String namespace, Map<String, Set<String>> allowed) {

    /** Labels a batch adds or groups by itself; a pool selecting on them is read on its own. */
    private static final Set<String> RESERVED = Set.of("le", "namespace", "__name__");

    PoolMembership {
        // Sorted, so pools selecting on the same labels share one index of a batch answer.
        allowed = Collections.unmodifiableSortedMap(new TreeMap<>(allowed));
    }

    /**
     * Empty when the matchers are not ones a batch can split by: a regex other than a list of
     * escaped names, a label matched twice, or a label the batch itself uses.
     */
    static Optional<PoolMembership> of(List<LabelMatcher> matchers) {
        if (matchers.isEmpty() || !matchers.get(0).label().equals("namespace") || matchers.get(0).op() != LabelMatcher.Op.EQUALS
                || matchers.get(0).value().isEmpty()) {
            return Optional.empty();
        }
        Map<String, Set<String>> allowed = new TreeMap<>();
        for (LabelMatcher matcher : matchers.subList(1, matchers.size())) {
            String label = matcher.label();
            if (RESERVED.contains(label) || label.startsWith("__") || label.startsWith("tokenscale_") || allowed.containsKey(label)) {
                return Optional.empty();
            }
            if (matcher.op() == LabelMatcher.Op.EQUALS) {
                allowed.put(label, Set.of(matcher.value()));
            } else {
                Optional<Set<String>> names = RegexLiteral.names(matcher.value());
                if (names.isEmpty()) {
                    return Optional.empty();
                }
                allowed.put(label, Set.copyOf(names.get()));
            }
        }
        return Optional.of(new PoolMembership(matchers.get(0).value(), allowed));
    }

    /** The labels besides the namespace that tell this pool's series from others'. */
    Set<String> labels() {
        return allowed.keySet();
    }

    boolean contains(Map<String, String> labels) {
        if (!namespace.equals(labels.get("namespace"))) {
            return false;
        }
        for (Map.Entry<String, Set<String>> entry : allowed.entrySet()) {
            if (!entry.getValue().contains(labels.getOrDefault(entry.getKey(), ""))) {
                return false;
            }
        }
        return true;
    }
}
