package dev.tokenscale.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchQueryTest {

    private static final Duration WINDOW = Duration.ofMinutes(2);
    private static final List<String> NAMESPACES = List.of("team-a", "team.b");

    @Test
    void theOneQueryIsScopedToExactlyTheBatchsNamespacesAndGroupedByWhatTellsPoolsApart() {
        BatchQuery query = BatchQuery.compose("avg(x{{{matchers}}}) * 100", null, WINDOW, NAMESPACES, List.of("pod")).orElseThrow();

        assertThat(query.promql()).isEqualTo(
                "label_replace(sum by (namespace, pod) (x{namespace=~\"team-a|team\\\\.b\"}), \"tokenscale_leaf\", \"q0/sum\", \"\", \"\")"
                        + " or label_replace(count by (namespace, pod) (x{namespace=~\"team-a|team\\\\.b\"}), \"tokenscale_leaf\", \"q0/count\", \"\", \"\")");
    }

    @Test
    void aNamespaceNameIsOneEscapedAlternativeThatMatchesOnlyItself() {
        BatchQuery query = BatchQuery.compose("sum(x{{{matchers}}})", null, WINDOW, List.of("a\"b", ".*|c"), List.of("model")).orElseThrow();

        assertThat(query.promql()).isEqualTo("label_replace(sum by (namespace, model) (x{namespace=~\"\\\\.\\\\*\\\\|c|a\\\"b\"}),"
                + " \"tokenscale_leaf\", \"q0\", \"\", \"\")");
    }

    @Test
    void aTemplateThatNamesAnotherNamespaceIsRefusedAsForOnePool() {
        assertThatThrownBy(() -> BatchQuery.compose("sum(x{namespace=\"team-c\"})", null, WINDOW, NAMESPACES, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("namespace");
    }

    @Test
    void aPoolsAverageIsOverItsSeriesNotOverItsPods() {
        BatchQuery query = BatchQuery.compose("avg(x{{{matchers}}}) * 100", null, WINDOW, NAMESPACES, List.of("pod")).orElseThrow();
        // Pod p1 has two series (0.2 and 0.4), pod p2 one (0.9): the pool's avg is 0.5, not the 0.6 of the pods' averages.
        List<QueryResult.LabeledSample> pool = List.of(
                series("q0/sum", Map.of("pod", "p1"), 0.6), series("q0/count", Map.of("pod", "p1"), 2),
                series("q0/sum", Map.of("pod", "p2"), 0.9), series("q0/count", Map.of("pod", "p2"), 1));

        assertThat(query.value(pool)).isEqualTo(new QueryResult.Sample(0.5 * 100));
    }

    @Test
    void aQuantileIsTakenOverThePoolsSummedBucketsAndOrFallsBackPerPool() {
        String template = "histogram_quantile(0.5, sum by (le) (rate(a_bucket{{{matchers}}}[{{window}}])))"
                + " or histogram_quantile(0.5, sum by (le) (rate(b_bucket{{{matchers}}}[{{window}}])))";
        BatchQuery query = BatchQuery.compose(template, "sum(rate(a_count{{{matchers}}}[{{window}}]))", WINDOW, NAMESPACES,
                List.of("pod")).orElseThrow();
        List<QueryResult.LabeledSample> onlyOldName = new ArrayList<>();
        onlyOldName.add(series("q1", Map.of("pod", "p1", "le", "1"), 1));
        onlyOldName.add(series("q1", Map.of("pod", "p1", "le", "+Inf"), 2));
        onlyOldName.add(series("q1", Map.of("pod", "p2", "le", "1"), 3));
        onlyOldName.add(series("q1", Map.of("pod", "p2", "le", "+Inf"), 6));

        // Summed: 4 of 8 observations up to 1, so the median is the top of the first bucket.
        assertThat(query.value(onlyOldName)).isEqualTo(new QueryResult.Sample(1.0));
        assertThat(query.value(List.of())).isEqualTo(new QueryResult.NoSeries());
        assertThat(query.requestRate(List.of(series("r0", Map.of("pod", "p1"), 0), series("r0", Map.of("pod", "p2"), 0))))
                .isEqualTo(new QueryResult.Sample(0));
    }

    @Test
    void aSumOfTwoLeavesNeedsBothAsPromQlDoes() {
        BatchQuery query = BatchQuery.compose("clamp_min(sum(a{{{matchers}}}) + sum(b{{{matchers}}}), 0)", null, WINDOW, NAMESPACES,
                List.of("pod")).orElseThrow();

        assertThat(query.value(List.of(series("q0", Map.of("pod", "p1"), 2), series("q1", Map.of("pod", "p1"), -5))))
                .isEqualTo(new QueryResult.Sample(0));
        assertThat(query.value(List.of(series("q0", Map.of("pod", "p1"), 2)))).isEqualTo(new QueryResult.NoSeries());
    }

    @Test
    void aPoolSeesOnlyItsNamespacesSeriesEvenWhereAnotherNamespaceHasItsPodNames() {
        SeriesIndex index = new SeriesIndex(List.of(
                new QueryResult.LabeledSample(Map.of("namespace", "team-a", "pod", "w-0", BatchQuery.LEAF, "q0"), 1),
                new QueryResult.LabeledSample(Map.of("namespace", "team.b", "pod", "w-0", BatchQuery.LEAF, "q0"), 100),
                new QueryResult.LabeledSample(Map.of("namespace", "team-a", "pod", "w-gone", BatchQuery.LEAF, "q0"), 1000)));
        PoolMembership a = PoolMembership.of(List.of(LabelMatcher.equalTo("namespace", "team-a"),
                LabelMatcher.matching("pod", RegexLiteral.alternation(List.of("w-0"))))).orElseThrow();

        assertThat(index.of(a)).extracting(QueryResult.LabeledSample::value).containsExactly(1.0);
    }

    @Test
    void aSelectorPoolMatchesOnEveryLabelAndAMissingLabelIsTheEmptyValue() {
        PoolMembership pool = PoolMembership.of(List.of(LabelMatcher.equalTo("namespace", "team-a"),
                LabelMatcher.equalTo("model", "llama"), LabelMatcher.equalTo("tier", ""))).orElseThrow();

        assertThat(pool.contains(Map.of("namespace", "team-a", "model", "llama"))).isTrue();
        assertThat(pool.contains(Map.of("namespace", "team-a", "model", "llama", "tier", "gold"))).isFalse();
        assertThat(pool.contains(Map.of("namespace", "team.b", "model", "llama"))).isFalse();
        assertThat(pool.labels()).isEqualTo(Set.of("model", "tier"));
    }

    @Test
    void selectionsABatchCannotSplitByAreLeftToOneQueryPerPool() {
        assertThat(PoolMembership.of(List.of(LabelMatcher.equalTo("namespace", "a"), LabelMatcher.matching("pod", "w-.*")))).isEmpty();
        assertThat(PoolMembership.of(List.of(LabelMatcher.equalTo("namespace", "a"), LabelMatcher.equalTo("le", "1")))).isEmpty();
        assertThat(PoolMembership.of(List.of(LabelMatcher.matching("namespace", "a|b")))).isEmpty();
    }

    @Test
    void anAlternationOfEscapedNamesReadsBackAsThoseNames() {
        assertThat(RegexLiteral.names(RegexLiteral.alternation(List.of("w.0", "w|1", "a\\b")))).hasValue(Set.of("w.0", "w|1", "a\\b"));
        assertThat(RegexLiteral.names("w-.*")).isEmpty();
        assertThat(RegexLiteral.names("a||b")).isEmpty();
    }

    private static QueryResult.LabeledSample series(String leaf, Map<String, String> labels, double value) {
        Map<String, String> all = new HashMap<>(labels);
        all.put("namespace", "team-a");
        all.put(BatchQuery.LEAF, leaf);
        return new QueryResult.LabeledSample(all, value);
    }
}
