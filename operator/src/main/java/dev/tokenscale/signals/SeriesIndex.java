package dev.tokenscale.signals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A batch answer's series by namespace, and within a namespace by the values of the labels a pool
 * selects on, built once per answer and per label set, so each of a thousand pools finds its series
 * in a few lookups rather than a scan of every pool's series.
 */
final class SeriesIndex {

    private final Map<String, List<QueryResult.LabeledSample>> byNamespace = new HashMap<>();
    private final Map<String, Map<List<String>, List<QueryResult.LabeledSample>>> byValues = new ConcurrentHashMap<>();

    SeriesIndex(List<QueryResult.LabeledSample> series) {
        for (QueryResult.LabeledSample one : series) {
            String namespace = one.labels().get("namespace");
            if (namespace != null) {
                byNamespace.computeIfAbsent(namespace, key -> new ArrayList<>()).add(one);
            }
        }
    }

    /** Every series that {@code pool} contains, and no other. */
    List<QueryResult.LabeledSample> of(PoolMembership pool) {
        List<String> labels = List.copyOf(pool.labels());
        Map<List<String>, List<QueryResult.LabeledSample>> index = byValues.computeIfAbsent(pool.namespace() + "\u0000" + labels,
                key -> indexed(byNamespace.getOrDefault(pool.namespace(), List.of()), labels));
        List<QueryResult.LabeledSample> out = new ArrayList<>();
        for (List<String> values : combinations(pool, labels)) {
            out.addAll(index.getOrDefault(values, List.of()));
        }
        return out;
    }

    private static Map<List<String>, List<QueryResult.LabeledSample>> indexed(List<QueryResult.LabeledSample> series, List<String> labels) {
        Map<List<String>, List<QueryResult.LabeledSample>> index = new HashMap<>();
        for (QueryResult.LabeledSample one : series) {
            List<String> values = new ArrayList<>(labels.size());
            for (String label : labels) {
                values.add(one.labels().getOrDefault(label, ""));
            }
            index.computeIfAbsent(values, key -> new ArrayList<>()).add(one);
        }
        return index;
    }

    /** Every tuple of allowed values: one per pod for the default selection, one in all for a selector. */
    private static List<List<String>> combinations(PoolMembership pool, List<String> labels) {
        List<List<String>> tuples = new ArrayList<>();
        tuples.add(List.of());
        for (String label : labels) {
            List<List<String>> longer = new ArrayList<>();
            for (List<String> tuple : tuples) {
                for (String value : pool.allowed().get(label)) {
                    List<String> next = new ArrayList<>(tuple);
                    next.add(value);
                    longer.add(next);
                }
            }
            tuples = longer;
        }
        return tuples;
    }
}
