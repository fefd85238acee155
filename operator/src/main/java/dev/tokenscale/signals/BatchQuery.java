package dev.tokenscale.signals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one query a batch sends for one signal, and how a pool's number is read back out of its
 * answer. Each innermost aggregation of the preset's expression (and, for a latency, of its
 * request-rate expression, which tells an idle pool from a broken histogram) is asked {@code by} its
 * own labels plus the labels that tell the batch's pools apart, tagged with a {@value #LEAF} label, and
 * all are joined with {@code or} into one query scoped to exactly the batch's namespaces. A pool's
 * share is then re-aggregated in Java as the aggregation would have over the pool's series alone
 * ({@code avg} is asked as a sum and a count for that), and the rest of the expression is evaluated on it.
 */
final class BatchQuery {

    static final String LEAF = "tokenscale_leaf";
    private static final String SUM = "/sum";
    private static final String COUNT = "/count";

    private final SplitQuery value;
    private final SplitQuery requestRate;
    private final String promql;

    private BatchQuery(SplitQuery value, SplitQuery requestRate, String promql) {
        this.value = value;
        this.requestRate = requestRate;
        this.promql = promql;
    }

    /**
     * @param requestRateTemplate the latency's request-rate template; null for none
     * @param groupLabels the labels besides the namespace that tell the batch's pools apart
     * @return empty when the template has a shape that does not split (see {@link SplitQuery})
     * @throws IllegalArgumentException if a template cannot be scoped, as the per-pool query would refuse it
     */
    static Optional<BatchQuery> compose(String template, String requestRateTemplate, Duration window,
            Collection<String> namespaces, Collection<String> groupLabels) {
        Optional<SplitQuery> value = split(template, window, namespaces);
        Optional<SplitQuery> requestRate = requestRateTemplate == null ? Optional.empty() : split(requestRateTemplate, window, namespaces);
        if (value.isEmpty() || requestRateTemplate != null && requestRate.isEmpty()) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        addParts(parts, "q", value.get(), groupLabels);
        requestRate.ifPresent(rate -> addParts(parts, "r", rate, groupLabels));
        String promql = ScopedQuery.scopeToNamespaces(String.join(" or ", parts), namespaces);
        return Optional.of(new BatchQuery(value.get(), requestRate.orElse(null), promql));
    }

    /** Whether the template splits at all, so a preset's pools can be batched. */
    static boolean splits(String template, Duration window) {
        try {
            return split(template, window, List.of("batch-check")).isPresent();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    String promql() {
        return promql;
    }

    /** The pool's number from its series of the answer (all tagged series of the pool, any leaf). */
    QueryResult value(List<QueryResult.LabeledSample> poolSeries) {
        return evaluate("q", value, poolSeries);
    }

    /** The pool's request rate, asked only when its latency quantile is NaN. */
    QueryResult requestRate(List<QueryResult.LabeledSample> poolSeries) {
        return requestRate == null ? new QueryResult.NoSeries() : evaluate("r", requestRate, poolSeries);
    }

    private static Optional<SplitQuery> split(String template, Duration window, Collection<String> namespaces) {
        String selector = PromQlSelector.renderNamespaceSet(namespaces);
        return SplitQuery.of(ScopedQuery.scopeToNamespaces(new QueryTemplate(template).render(selector, window), namespaces));
    }

    private static void addParts(List<String> parts, String prefix, SplitQuery query, Collection<String> groupLabels) {
        for (int i = 0; i < query.leaves().size(); i++) {
            SplitQuery.Leaf leaf = query.leaves().get(i);
            Set<String> by = new LinkedHashSet<>(leaf.by());
            by.add("namespace");
            by.addAll(groupLabels);
            String grouping = " by (" + String.join(", ", by) + ") (" + leaf.inner() + ")";
            String id = prefix + i;
            if (leaf.operator().equals("avg")) {
                parts.add(tagged("sum" + grouping, id + SUM));
                parts.add(tagged("count" + grouping, id + COUNT));
            } else {
                parts.add(tagged(leaf.operator() + grouping, id));
            }
        }
    }

    private static String tagged(String aggregation, String id) {
        return "label_replace(" + aggregation + ", \"" + LEAF + "\", \"" + id + "\", \"\", \"\")";
    }

    private static QueryResult evaluate(String prefix, SplitQuery query, List<QueryResult.LabeledSample> poolSeries) {
        Map<String, List<QueryResult.LabeledSample>> byLeaf = new HashMap<>();
        for (QueryResult.LabeledSample series : poolSeries) {
            byLeaf.computeIfAbsent(series.labels().getOrDefault(LEAF, ""), key -> new ArrayList<>()).add(series);
        }
        List<Map<Map<String, String>, Double>> leaves = new ArrayList<>();
        for (int i = 0; i < query.leaves().size(); i++) {
            SplitQuery.Leaf leaf = query.leaves().get(i);
            String id = prefix + i;
            if (leaf.operator().equals("avg")) {
                Map<Map<String, String>, Double> sums = aggregate("sum", leaf.by(), byLeaf.getOrDefault(id + SUM, List.of()));
                Map<Map<String, String>, Double> counts = aggregate("sum", leaf.by(), byLeaf.getOrDefault(id + COUNT, List.of()));
                Map<Map<String, String>, Double> averages = new LinkedHashMap<>();
                sums.forEach((labels, sum) -> {
                    Double count = counts.get(labels);
                    if (count != null) {
                        averages.put(labels, sum / count);
                    }
                });
                leaves.add(averages);
            } else {
                // A count over the pool is the sum of the counts over its parts.
                String operator = leaf.operator().equals("count") ? "sum" : leaf.operator();
                leaves.add(aggregate(operator, leaf.by(), byLeaf.getOrDefault(id, List.of())));
            }
        }
        PoolExpression.Value result = query.expression().evaluate(leaves);
        Map<Map<String, String>, Double> vector = result.vector();
        if (vector.isEmpty()) {
            return new QueryResult.NoSeries();
        }
        if (vector.size() > 1) {
            return new QueryResult.Failed(QueryFailure.BAD_QUERY, "the query returned " + vector.size()
                    + " series, a signal needs one: aggregate it (sum, avg, max)");
        }
        return new QueryResult.Sample(vector.values().iterator().next());
    }

    /**
     * The aggregation over the pool's parts, grouped by the leaf's own labels (a label a part lacks is
     * left out, as Prometheus leaves out empty ones). min and max prefer a number to NaN as
     * Prometheus' do; sum lets NaN through.
     */
    static Map<Map<String, String>, Double> aggregate(String operator, List<String> by, List<QueryResult.LabeledSample> parts) {
        Map<Map<String, String>, Double> out = new LinkedHashMap<>();
        for (QueryResult.LabeledSample part : parts) {
            Map<String, String> key = new HashMap<>();
            for (String label : by) {
                String value = part.labels().get(label);
                if (value != null && !value.isEmpty()) {
                    key.put(label, value);
                }
            }
            Double previous = out.get(key);
            double v = part.value();
            out.put(Map.copyOf(key), previous == null ? v : switch (operator) {
                case "sum" -> previous + v;
                case "min" -> previous > v || Double.isNaN(previous) ? v : previous;
                case "max" -> previous < v || Double.isNaN(previous) ? v : previous;
                default -> throw new IllegalStateException("not a re-aggregation: " + operator);
            });
        }
        return out;
    }
}
