package dev.tokenscale.signals;

import dev.tokenscale.policy.PodCoverage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one per-pod query of a read: the preset's running-requests template, asked for both each pod's
 * requests in flight and the age of its newest sample, in a single round trip. The two answers are
 * told apart by a {@value #FIELD} label the query adds. The whole query goes through {@link ScopedQuery}
 * like every signal's, so it is scoped to the pool's namespace and pods the same way. The age is
 * measured by Prometheus against its own clock ({@code time()}), so the operator's clock, which may be
 * a simulated one, never decides whether a sample is fresh.
 */
final class PerPodQuery {

    static final String FIELD = "tokenscale_field";
    private static final String RUNNING = "running";
    private static final String AGE = "age_seconds";

    private PerPodQuery() {}

    /**
     * {@code timestamp()} of a plain selector is the time of the newest sample, which is what tells a
     * fresh pod from one whose series stopped; a template that aggregates yields the evaluation time
     * instead (age 0), so its pods only go silent once Prometheus drops their series.
     */
    static String render(String template, List<LabelMatcher> matchers, Duration window) {
        // Scoped (and so stripped of comments) before it is embedded: a '#' in the template would
        // otherwise comment out the rest of the composed line.
        String perPod = new QueryTemplate(template).scoped(matchers, window);
        return ScopedQuery.scope("label_replace(sum by (pod) (" + perPod + "), \"" + FIELD + "\", \"" + RUNNING + "\", \"\", \"\")"
                + " or label_replace(min by (pod) (time() - timestamp(" + perPod + ")), \"" + FIELD + "\", \"" + AGE + "\", \"\", \"\")",
                matchers);
    }

    /**
     * The same two answers for a whole batch: grouped by pod, namespace and the labels that tell the
     * batch's pools apart, scoped to exactly the batch's namespaces; {@link #poolShare} reads one pool's
     * pods back out. Empty when the template is not a per-series expression (an aggregating template
     * has no per-pod series to split), which then stays one query per pool.
     */
    static Optional<String> renderBatch(String template, Duration window, Collection<String> namespaces,
            Collection<String> groupLabels) {
        String perPod = ScopedQuery.scopeToNamespaces(
                new QueryTemplate(template).render(PromQlSelector.renderNamespaceSet(namespaces), window), namespaces);
        if (SplitQuery.of("sum(" + perPod + ")").isEmpty()) {
            return Optional.empty();
        }
        Set<String> by = new LinkedHashSet<>(List.of("pod", "namespace"));
        by.addAll(groupLabels);
        String grouping = " by (" + String.join(", ", by) + ") ";
        return Optional.of(ScopedQuery.scopeToNamespaces("label_replace(sum" + grouping + "(" + perPod + "), \"" + FIELD + "\", \""
                + RUNNING + "\", \"\", \"\") or label_replace(min" + grouping + "(time() - timestamp(" + perPod + ")), \""
                + FIELD + "\", \"" + AGE + "\", \"\", \"\")", namespaces));
    }

    /**
     * A pool's series of a batch answer, summed (running) and minimised (age) per pod as the pool's own
     * query does, in the shape {@link #interpret} reads.
     */
    static QueryResult poolShare(List<QueryResult.LabeledSample> poolSeries) {
        if (poolSeries.isEmpty()) {
            return new QueryResult.NoSeries();
        }
        List<QueryResult.LabeledSample> running = new ArrayList<>();
        List<QueryResult.LabeledSample> ages = new ArrayList<>();
        for (QueryResult.LabeledSample series : poolSeries) {
            String field = series.labels().get(FIELD);
            if (RUNNING.equals(field)) {
                running.add(series);
            } else if (AGE.equals(field)) {
                ages.add(series);
            }
        }
        List<QueryResult.LabeledSample> perPod = new ArrayList<>();
        BatchQuery.aggregate("sum", List.of("pod"), running).forEach((labels, value) -> perPod.add(tagged(labels, RUNNING, value)));
        BatchQuery.aggregate("min", List.of("pod"), ages).forEach((labels, value) -> perPod.add(tagged(labels, AGE, value)));
        return new QueryResult.Vector(perPod);
    }

    private static QueryResult.LabeledSample tagged(Map<String, String> labels, String field, double value) {
        Map<String, String> out = new HashMap<>(labels);
        out.put(FIELD, field);
        return new QueryResult.LabeledSample(out, value);
    }

    /** Requests in flight of the pods that report freshly, and the coverage of the ready pods. */
    record Answer(Map<String, Double> runningRequests, PodCoverage coverage) {}

    static Answer interpret(QueryResult result, List<String> readyPods, Instant now, Duration maxAge) {
        if (result instanceof QueryResult.Failed failed) {
            return new Answer(Map.of(), PodCoverage.unknown(failed.failure().label() + ": " + failed.detail()));
        }
        Map<String, Double> running = new HashMap<>();
        Map<String, Instant> sampledAt = new HashMap<>();
        if (result instanceof QueryResult.Vector vector) {
            for (QueryResult.LabeledSample series : vector.series()) {
                String pod = series.labels().get("pod");
                if (pod == null || !Double.isFinite(series.value())) {
                    continue;
                }
                if (AGE.equals(series.labels().get(FIELD))) {
                    sampledAt.put(pod, now.minusMillis(Math.round(Math.max(0, series.value()) * 1000)));
                } else if (RUNNING.equals(series.labels().get(FIELD))) {
                    running.put(pod, series.value());
                }
            }
            if (sampledAt.isEmpty()) {
                return new Answer(Map.of(), PodCoverage.notMeasured(
                        "the runningRequests series carry no pod label, so no pod can be told from another"));
            }
        }
        PodCoverage coverage = PodCoverage.measure(readyPods, sampledAt, now, maxAge);
        Instant oldestFresh = now.minus(maxAge);
        running.keySet().removeIf(pod -> !sampledAt.containsKey(pod) || sampledAt.get(pod).isBefore(oldestFresh));
        return new Answer(running, coverage);
    }
}
