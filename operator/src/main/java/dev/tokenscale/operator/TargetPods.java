package dev.tokenscale.operator;

import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/**
 * The target's pods now, as its /scale selector matches them. Pods already being deleted are left
 * out: their series must not count, and they will not serve again.
 *
 * @param names sorted, for stable queries
 */
public record TargetPods(List<String> names, int ready) {

    public TargetPods {
        names = List.copyOf(names);
    }

    public static TargetPods of(List<Pod> pods) {
        List<Pod> live = pods.stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
        List<String> names = live.stream().map(p -> p.getMetadata().getName()).sorted().toList();
        int ready = (int) live.stream().filter(TargetPods::isReady).count();
        return new TargetPods(names, ready);
    }

    static ListOptionsBuilder selecting(String selector) {
        return new ListOptionsBuilder().withLabelSelector(selector);
    }

    private static boolean isReady(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return false;
        }
        return pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
