package dev.tokenscale.signals;

import dev.tokenscale.policy.PodCoverage;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
