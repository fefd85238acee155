package dev.tokenscale.operator;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A pod as the pod cache keeps it: what {@link TargetPods} reads and nothing else. Pods are the
 * big item of the caches (8,000 for 1,000 pools of 8 pods), and a full pod with its spec, managed
 * fields and container statuses is ten to thirty times larger than this copy: no spec, no managed
 * fields, of the annotations only this operator's deletion-cost mark, of the status only the Ready
 * condition.
 */
final class SlimPod {

    private SlimPod() {
    }

    static Pod of(Pod pod) {
        ObjectMeta meta = pod.getMetadata();
        ObjectMetaBuilder slim = new ObjectMetaBuilder().withName(meta.getName()).withNamespace(meta.getNamespace())
                .withUid(meta.getUid()).withResourceVersion(meta.getResourceVersion())
                .withLabels(meta.getLabels()).withCreationTimestamp(meta.getCreationTimestamp())
                .withDeletionTimestamp(meta.getDeletionTimestamp());
        Map<String, String> annotations = meta.getAnnotations();
        if (annotations != null && annotations.containsKey(PodDeletionCost.MARK)) {
            slim.withAnnotations(Map.of(PodDeletionCost.MARK, Objects.requireNonNullElse(annotations.get(PodDeletionCost.MARK), "")));
        }
        PodBuilder copy = new PodBuilder().withMetadata(slim.build());
        PodCondition ready = ready(pod);
        if (ready != null) {
            copy.withNewStatus().withConditions(List.of(ready)).endStatus();
        }
        return copy.build();
    }

    /** Whether the fields {@link TargetPods} reads differ, so only such a change re-evaluates a pool. */
    static boolean differ(Pod a, Pod b) {
        return !Objects.equals(a.getMetadata().getLabels(), b.getMetadata().getLabels())
                || !Objects.equals(a.getMetadata().getDeletionTimestamp(), b.getMetadata().getDeletionTimestamp())
                || isReady(a) != isReady(b);
    }

    static boolean isReady(Pod pod) {
        PodCondition ready = ready(pod);
        return ready != null && "True".equals(ready.getStatus());
    }

    private static PodCondition ready(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return null;
        }
        return pod.getStatus().getConditions().stream()
                .filter(c -> "Ready".equals(c.getType()))
                .findFirst()
                .map(c -> new PodConditionBuilder().withType("Ready").withStatus(c.getStatus()).build())
                .orElse(null);
    }
}
