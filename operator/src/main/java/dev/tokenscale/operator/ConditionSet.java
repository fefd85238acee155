package dev.tokenscale.operator;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a pool's conditions from the previous ones, keeping a condition's lastTransitionTime while
 * its status stays the same, as the Kubernetes API conventions ask: the time says when the state
 * last changed, not when it was last checked.
 */
public final class ConditionSet {

    public static final String READY = "Ready";
    public static final String METRICS_AVAILABLE = "MetricsAvailable";
    public static final String SCALING_ACTIVE = "ScalingActive";
    public static final String SCALING_LIMITED = "ScalingLimited";
    public static final String SLO_MET = "SLOMet";

    public static final String TRUE = "True";
    public static final String FALSE = "False";
    public static final String UNKNOWN = "Unknown";

    private final Map<String, Condition> previous = new LinkedHashMap<>();
    private final Map<String, Condition> next = new LinkedHashMap<>();
    private final Long generation;
    private final String now;

    /**
     * @param now RFC 3339, used as lastTransitionTime for conditions whose status changes
     */
    public ConditionSet(List<Condition> previous, Long generation, String now) {
        if (previous != null) {
            previous.forEach(c -> this.previous.put(c.getType(), c));
        }
        this.generation = generation;
        this.now = now;
    }

    public ConditionSet set(String type, String status, String reason, String message) {
        Condition before = previous.get(type);
        String transition = before != null && status.equals(before.getStatus()) && before.getLastTransitionTime() != null
                ? before.getLastTransitionTime()
                : now;
        next.put(type, new ConditionBuilder()
                .withType(type)
                .withStatus(status)
                .withReason(reason)
                .withMessage(message)
                .withObservedGeneration(generation)
                .withLastTransitionTime(transition)
                .build());
        return this;
    }

    public ConditionSet set(String type, boolean status, String reason, String message) {
        return set(type, status ? TRUE : FALSE, reason, message);
    }

    /** The conditions set here, in the order set, then any earlier ones not set again, unchanged. */
    public List<Condition> build() {
        List<Condition> all = new ArrayList<>(next.values());
        previous.forEach((type, c) -> {
            if (!next.containsKey(type)) {
                all.add(c);
            }
        });
        return all;
    }
}
