package dev.tokenscale.operator;

import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The target's pods now, as its /scale selector matches them. Pods already being deleted are left
 * out: their series must not count, and they will not serve again.
 *
 * @param pods sorted by name, for stable queries
 */
public record TargetPods(List<TargetPod> pods) {

    public TargetPods {
        pods = pods.stream().sorted(Comparator.comparing(TargetPod::name)).toList();
    }

    public static TargetPods none() {
        return new TargetPods(List.of());
    }

    public static TargetPods of(List<Pod> pods) {
        return new TargetPods(pods.stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .map(TargetPods::describe)
                .toList());
    }

    /** Every live pod's name, sorted. */
    public List<String> names() {
        return pods.stream().map(TargetPod::name).toList();
    }

    /** The ready pods' names, sorted: the pods expected to report metrics. */
    public List<String> readyNames() {
        return pods.stream().filter(TargetPod::ready).map(TargetPod::name).toList();
    }

    public int ready() {
        return (int) pods.stream().filter(TargetPod::ready).count();
    }

    static ListOptionsBuilder selecting(String selector) {
        return new ListOptionsBuilder().withLabelSelector(selector);
    }

    private static TargetPod describe(Pod pod) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations() != null ? pod.getMetadata().getAnnotations() : Map.of();
        return new TargetPod(pod.getMetadata().getName(), isReady(pod), created(pod.getMetadata().getCreationTimestamp()),
                annotations.containsKey(PodDeletionCost.MARK));
    }

    private static Instant created(String timestamp) {
        if (timestamp == null) {
            return Instant.EPOCH;
        }
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    private static boolean isReady(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return false;
        }
        return pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
