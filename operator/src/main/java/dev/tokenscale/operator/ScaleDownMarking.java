package dev.tokenscale.operator;

import dev.tokenscale.policy.Action;
import dev.tokenscale.policy.Decision;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pod side of one evaluation, run before any /scale write: on an applied scale-down, mark the
 * pods of the {@link ScaleDownPlan} (annotations first, so the ReplicaSet reads them when /scale
 * changes); on every other evaluation, remove the marks an earlier one left, so they never stick.
 * Only pods the target's /scale selector matches are ever touched.
 */
final class ScaleDownMarking {

    /**
     * @param note who is expected to go, for the scale-down Event; null when nothing scales down
     * @param problem why marking or clearing failed; null when it worked or nothing was needed
     */
    record Outcome(String note, String problem) {}

    private final PodDeletionCost costs;

    ScaleDownMarking(KubernetesClient client) {
        this.costs = new PodDeletionCost(client);
    }

    Outcome beforeScaleWrite(String namespace, String pool, PoolSettings settings, TargetPods pods,
            Map<String, Double> running, Decision decision, boolean applied) {
        if (!applied || decision.action() != Action.SCALE_DOWN) {
            return new Outcome(null, clearStale(namespace, pods, List.of()).orElse(null));
        }
        ScaleDownPlan plan = ScaleDownPlan.of(settings.target(), settings.drainAware(), pods.pods(), running,
                decision.from(), decision.to());
        Optional<String> problem = clearStale(namespace, pods, plan.deletionCosts().keySet());
        if (problem.isEmpty()) {
            problem = costs.mark(namespace, pool, plan.deletionCosts());
        }
        return new Outcome(plan.note(), problem.orElse(null));
    }

    /** Removes earlier marks from the pods that this evaluation does not mark again. */
    private Optional<String> clearStale(String namespace, TargetPods pods, java.util.Collection<String> markedNow) {
        List<String> stale = pods.pods().stream()
                .filter(TargetPod::marked)
                .map(TargetPod::name)
                .filter(name -> !markedNow.contains(name))
                .toList();
        return stale.isEmpty() ? Optional.empty() : costs.unmark(namespace, stale);
    }
}
