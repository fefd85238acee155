package dev.tokenscale.signals;

import dev.tokenscale.policy.MissingReason;
import dev.tokenscale.policy.PodCoverage;
import dev.tokenscale.policy.Signal;
import dev.tokenscale.policy.SignalReading;
import dev.tokenscale.policy.SignalSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one batch got from Prometheus for a group of pools, and each pool's share of it as the
 * {@link SignalReport} the pool's own queries would have given: the same readings, the same missing
 * reasons and messages, the same coverage. The split is done when a pool reads, with the pool's
 * current matchers (so a pod added since the batch was planned still counts, as long as the batch
 * covered its namespace and selector labels).
 *
 * @param observedAt when the batch was asked, by the reader's clock
 * @param namespaces the namespaces the batch read
 * @param labels the labels besides the namespace it grouped by
 * @param failure non-null when no query could be sent at all (bad connection settings), for every pool
 */
record GroupAnswer(Instant observedAt, Set<String> namespaces, Set<String> labels, Preset preset, Duration window,
        Map<Signal, Part> signals, Part runningRequests, QueryResult.Failed failure) {

    /** One query of the batch and its answer, indexed for the split; a failed or empty answer has no index. */
    record Part(BatchQuery query, QueryResult answer, SeriesIndex index) {
        static Part of(BatchQuery query, QueryResult answer) {
            return new Part(query, answer, answer instanceof QueryResult.Vector vector ? new SeriesIndex(vector.series()) : null);
        }

        List<QueryResult.LabeledSample> seriesOf(PoolMembership pool) {
            return index == null ? List.of() : index.of(pool);
        }
    }

    GroupAnswer {
        namespaces = Set.copyOf(namespaces);
        labels = Set.copyOf(labels);
        signals = Map.copyOf(signals);
    }

    boolean covers(PoolMembership pool) {
        return namespaces.contains(pool.namespace()) && labels.containsAll(pool.labels());
    }

    SignalReport reportFor(SignalRequest request, PoolMembership pool) {
        SignalSnapshot.Builder snapshot = SignalSnapshot.builder().observedAt(observedAt);
        if (failure != null) {
            return SignalInterpretation.allMissing(request, snapshot, failure.failure(), failure.detail());
        }
        String selector = PromQlSelector.render(request.matchers());
        Map<Signal, String> queries = new EnumMap<>(Signal.class);
        for (Signal signal : Signal.values()) {
            if (preset.query(signal).isEmpty()) {
                snapshot.with(signal, SignalInterpretation.notConfigured(request, signal, preset));
                continue;
            }
            // What the pool's own query would be, for explain and logs; the batch's text names every pool.
            try {
                queries.put(signal, new QueryTemplate(preset.query(signal).get()).scoped(request.matchers(), window));
            } catch (IllegalArgumentException e) {
                snapshot.with(signal, SignalReading.missing(MissingReason.ERROR,
                        SignalInterpretation.message(request, signal, QueryFailure.BAD_QUERY.label(), e.getMessage())));
                continue;
            }
            Part part = signals.get(signal);
            QueryResult result = part.answer() instanceof QueryResult.Failed failed ? failed : part.query().value(part.seriesOf(pool));
            if (SignalInterpretation.needsIdleCheck(signal, result, preset)) {
                snapshot.with(signal, SignalInterpretation.idleOrBroken(request, signal, part.query().requestRate(part.seriesOf(pool))));
            } else {
                snapshot.with(signal, SignalInterpretation.reading(request, signal, result, selector));
            }
        }
        if (runningRequests == null || request.readyPods() == null) {
            snapshot.coverage(PodCoverage.notMeasured(request.readyPods() == null
                    ? "no pod list to compare with"
                    : "preset " + preset.name() + " has no " + Preset.RUNNING_REQUESTS + " series"));
            return new SignalReport(snapshot.build(), queries);
        }
        QueryResult perPod = runningRequests.answer() instanceof QueryResult.Failed failed
                ? failed
                : PerPodQuery.poolShare(runningRequests.seriesOf(pool));
        PerPodQuery.Answer pods = PerPodQuery.interpret(perPod, request.readyPods(), observedAt, window);
        snapshot.coverage(pods.coverage());
        return new SignalReport(snapshot.build(), queries, pods.runningRequests());
    }
}
