package dev.tokenscale.signals;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several of a batch's queries sent as one: each tagged with a {@value #KIND} label naming what it
 * asks ({@code utilizationPercent}, {@code runningRequests}, ...) and joined with {@code or}. No
 * series of one part has the label set of another's (their tags differ), so {@code or} keeps every
 * series of every part, and the answer splits back into exactly what each part would have answered
 * on its own. A failure of the one query is the failure of every part it carried.
 *
 * <p>A batch merges its instant parts, those that read no range ({@code [window]}): the engines'
 * gauges (KV-cache usage, queue, requests in flight), one series per pod each, cheap for Prometheus
 * and small. Parts over a window (histogram quantiles, rates) stay one query each, so that the heavy
 * ones run side by side and one's failure or size does not take the gauges with it.
 */
final class MergedQuery {

    static final String KIND = "tokenscale_query";
    /** Between the parts' names in the {@code query} label of the query counter. */
    static final String JOIN = "+";

    private MergedQuery() {}

    /** Whether the query reads only instant vectors: no range selector and no subquery. */
    static boolean instant(String promql) {
        return PromQlLexer.tokens(promql).stream().noneMatch(token -> token.is(PromQlLexer.Type.LEFT_BRACKET));
    }

    /**
     * @param parts each part's PromQL by what it asks, all scoped already (and so without comments); at least two
     * @param namespaces the batch's namespaces, to scope the joined text once more as a check
     */
    static String promql(Map<String, String> parts, Collection<String> namespaces) {
        if (parts.size() < 2) {
            throw new IllegalArgumentException("a merged query carries at least two parts, got " + parts.keySet());
        }
        List<String> tagged = new ArrayList<>();
        parts.forEach((kind, promql) -> tagged.add("label_replace((" + promql + "), \"" + KIND + "\", \"" + kind
                + "\", \"\", \"\")"));
        return ScopedQuery.scopeToNamespaces(String.join(" or ", tagged), namespaces);
    }

    /** The answer of each part: its own series, or the one query's failure (or emptiness) for all. */
    static Map<String, QueryResult> split(QueryResult answer, Collection<String> kinds) {
        Map<String, QueryResult> out = new LinkedHashMap<>();
        if (!(answer instanceof QueryResult.Vector vector)) {
            kinds.forEach(kind -> out.put(kind, answer));
            return out;
        }
        Map<String, List<QueryResult.LabeledSample>> byKind = new LinkedHashMap<>();
        kinds.forEach(kind -> byKind.put(kind, new ArrayList<>()));
        for (QueryResult.LabeledSample series : vector.series()) {
            List<QueryResult.LabeledSample> part = byKind.get(series.labels().get(KIND));
            if (part != null) {
                part.add(series);
            }
        }
        byKind.forEach((kind, series) -> out.put(kind, series.isEmpty() ? new QueryResult.NoSeries() : new QueryResult.Vector(series)));
        return out;
    }
}
