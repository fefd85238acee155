package dev.tokenscale.operator;

import dev.tokenscale.signals.LabelMatcher;
import dev.tokenscale.signals.RegexLiteral;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which series belong to a pool: always {@code namespace="<ns>"}, then either the user's
 * spec.metrics.selector, or {@code pod=~"<the target's current pods>"}. Naming the current pods means
 * the series of a pod that is gone never count toward the pool, however long Prometheus keeps them.
 */
public final class SeriesSelection {

    /**
     * What the workload controllers append to the target's name: a Deployment's
     * {@code -<pod-template-hash>-<5 random>}, a StatefulSet's {@code -<ordinal>}, a
     * LeaderWorkerSet's {@code -<group>} and {@code -<group>-<worker>}.
     */
    static final String CONTROLLER_POD_SUFFIX = "-([a-z0-9]{1,10}-[a-z0-9]{5}|[0-9]+(-[0-9]+)?)";

    private SeriesSelection() {}

    /**
     * @return empty when the default selection has no pod to name: an empty alternation would match
     *     series that have no pod label at all, which is never this pool
     */
    public static Optional<List<LabelMatcher>> matchers(String namespace, Map<String, String> userSelector, List<String> podNames) {
        List<LabelMatcher> matchers = withoutPodList(namespace, userSelector);
        if (userSelector != null && !userSelector.isEmpty()) {
            return Optional.of(matchers);
        }
        if (podNames.isEmpty()) {
            return Optional.empty();
        }
        matchers.add(LabelMatcher.matching("pod", RegexLiteral.alternation(podNames)));
        return Optional.of(matchers);
    }

    /**
     * The selection a pool's demand history is read with: the user's selector when set, exactly as
     * the live queries; otherwise the namespace and the names the workload's controller gives its
     * pods. The live queries name today's pods, but a Deployment's pods of last week had other names,
     * and the history is about last week. The pattern is the controllers' naming, not just the
     * target's name as a prefix, so that a sibling workload whose name extends the target's
     * ({@code llama-big} beside {@code llama}) is not read as this pool's history.
     */
    public static List<LabelMatcher> historyMatchers(String namespace, Map<String, String> userSelector, String targetName) {
        List<LabelMatcher> matchers = withoutPodList(namespace, userSelector);
        if (userSelector == null || userSelector.isEmpty()) {
            matchers.add(LabelMatcher.matching("pod", RegexLiteral.escape(targetName) + CONTROLLER_POD_SUFFIX));
        }
        return matchers;
    }

    /**
     * The selection when no pod list is known (explain reads Prometheus without a cluster): the
     * namespace and the user's selector, each label in name order so the query text is stable.
     * Without a selector this is the whole namespace, which only a caller that cannot know the pods
     * should accept.
     */
    public static List<LabelMatcher> withoutPodList(String namespace, Map<String, String> userSelector) {
        List<LabelMatcher> matchers = new ArrayList<>();
        matchers.add(LabelMatcher.equalTo("namespace", namespace));
        if (userSelector != null) {
            new TreeMap<>(userSelector).forEach((label, value) -> matchers.add(LabelMatcher.equalTo(label, value)));
        }
        return matchers;
    }
}
