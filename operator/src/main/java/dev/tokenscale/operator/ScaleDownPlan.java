package dev.tokenscale.operator;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Which pods a scale-down is expected to remove, and the pod-deletion-cost values that make a
 * Deployment's ReplicaSet remove those. Plain values in, plain values out; {@link PodDeletionCost}
 * writes them. Only the pods that should go are annotated: every other pod keeps its own cost (0 when
 * it has none), which is higher, so a scale-down costs one write per removed pod and never overwrites
 * a cost a user set on a pod that stays.
 *
 * <p>Per kind: a Deployment's ReplicaSet honours {@code controller.kubernetes.io/pod-deletion-cost}
 * (after its own rules: pods not yet scheduled, pending or not ready go first), so the idlest pods are
 * marked. A StatefulSet always removes its highest ordinals and ignores the annotation. A
 * LeaderWorkerSet or any other kind has its own rules. Those are never annotated; the plan only says
 * what to expect.
 *
 * @param deletionCosts the annotation value of each pod that should go, idlest first; empty when nothing
 *     is to be annotated
 * @param expectedToGo the pods expected to be removed, when the operator can tell
 * @param note one sentence for the scale-down Event: who goes and why
 */
public record ScaleDownPlan(Map<String, String> deletionCosts, List<String> expectedToGo, String note) {

    /** The cost of the pods that should go: the lowest an int32 annotation can hold, so no other pod's is lower. */
    public static final String VICTIM_COST = String.valueOf(Integer.MIN_VALUE);

    public ScaleDownPlan {
        deletionCosts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(deletionCosts));
        expectedToGo = List.copyOf(expectedToGo);
    }

    /**
     * @param running requests in flight of the pods that report freshly; a pod without an entry is unknown,
     *     never read as idle
     */
    public static ScaleDownPlan of(PoolSettings.ScaleTarget target, boolean drainAware, List<TargetPod> pods,
            Map<String, Double> running, int from, int to) {
        int leaving = Math.max(0, from - to);
        if (isApps(target, "StatefulSet")) {
            List<String> highest = IntStream.range(to, from).map(i -> from - 1 - (i - to))
                    .mapToObj(i -> target.name() + "-" + i).toList();
            return new ScaleDownPlan(Map.of(), highest, "The StatefulSet removes its highest ordinals whatever any annotation says: "
                    + String.join(", ", highest) + ".");
        }
        if (!isApps(target, "Deployment")) {
            return new ScaleDownPlan(Map.of(), List.of(), "The " + target.kind() + " controller decides which pods go; "
                    + "tokenscale marks only Deployments' pods.");
        }
        if (!drainAware) {
            return new ScaleDownPlan(Map.of(), List.of(), "spec.scaling.drainAware is false, so the ReplicaSet chooses which pods go.");
        }
        List<TargetPod> ranked = pods.stream().sorted(idlestFirst(running)).toList();
        int victims = Math.min(leaving, ranked.size());
        List<TargetPod> going = ranked.subList(0, victims);
        Map<String, String> costs = new LinkedHashMap<>();
        going.forEach(pod -> costs.put(pod.name(), VICTIM_COST));
        String note = going.isEmpty() ? "No pod to mark." : "Expected to go, as the idlest: "
                + going.stream().map(p -> p.name() + " (" + describe(p, running) + ")").collect(Collectors.joining(", ")) + ".";
        return new ScaleDownPlan(costs, going.stream().map(TargetPod::name).toList(), note);
    }

    /**
     * Pods that are not ready first (they serve nothing, and the ReplicaSet removes them first anyway),
     * then by requests in flight, a pod whose count is unknown after every known one, ties to the newest
     * pod (it has the least warm cache to lose), then by name so the choice is stable.
     */
    static Comparator<TargetPod> idlestFirst(Map<String, Double> running) {
        return Comparator.comparing((TargetPod p) -> p.ready())
                .thenComparing(p -> running.containsKey(p.name()) ? running.get(p.name()) : Double.POSITIVE_INFINITY)
                .thenComparing(TargetPod::createdAt, Comparator.reverseOrder())
                .thenComparing(TargetPod::name, Comparator.reverseOrder());
    }

    private static String describe(TargetPod pod, Map<String, Double> running) {
        if (!pod.ready()) {
            return "not ready";
        }
        Double count = running.get(pod.name());
        if (count == null) {
            return "running requests unknown";
        }
        return String.format(Locale.ROOT, "%s running requests", count == Math.rint(count) ? String.valueOf(count.longValue()) : count);
    }

    private static boolean isApps(PoolSettings.ScaleTarget target, String kind) {
        return "apps/v1".equals(target.apiVersion()) && kind.equals(target.kind());
    }
}
