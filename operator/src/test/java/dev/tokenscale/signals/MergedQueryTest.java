package dev.tokenscale.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MergedQueryTest {

    private static final List<String> NAMESPACES = List.of("team-a", "team-b");

    @Test
    void onlyAQueryThatReadsNoRangeIsInstant() {
        assertThat(MergedQuery.instant("sum by (namespace, pod) (q{namespace=~\"team-a\"})")).isTrue();
        assertThat(MergedQuery.instant("time() - timestamp(q{namespace=~\"team-a\"})")).isTrue();
        assertThat(MergedQuery.instant("sum(rate(q{namespace=~\"team-a\"}[2m]))")).isFalse();
        assertThat(MergedQuery.instant("max_over_time(q{namespace=~\"team-a\"}[5m:1m])")).isFalse();
    }

    @Test
    void thePartsAreTaggedWithWhatTheyAskJoinedWithOrAndStayScopedToTheBatchsNamespaces() {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("queueDepth", "sum by (namespace, pod) (w{namespace=~\"team-a|team-b\"})");
        parts.put("runningRequests", "r{namespace=~\"team-a|team-b\"}");

        assertThat(MergedQuery.promql(parts, NAMESPACES)).isEqualTo(
                "label_replace((sum by (namespace, pod) (w{namespace=~\"team-a|team-b\"})), \"tokenscale_query\", \"queueDepth\", \"\", \"\")"
                        + " or label_replace((r{namespace=~\"team-a|team-b\"}), \"tokenscale_query\", \"runningRequests\", \"\", \"\")");
    }

    @Test
    void aPartThatReachesBeyondTheBatchsNamespacesIsRefused() {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("queueDepth", "sum(w{namespace=~\"team-a|team-b\"})");
        parts.put("runningRequests", "r{namespace=\"kube-system\"}");

        assertThatThrownBy(() -> MergedQuery.promql(parts, NAMESPACES)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theAnswerSplitsIntoEachPartsOwnSeriesAndAPartWithoutAnyHasNoSeries() {
        QueryResult.LabeledSample queue = sample("queueDepth", "w-0", 3);
        QueryResult.LabeledSample running = sample("runningRequests", "w-0", 5);
        QueryResult.LabeledSample stranger = sample("somethingElse", "w-0", 7);

        Map<String, QueryResult> split = MergedQuery.split(new QueryResult.Vector(List.of(queue, running, stranger)),
                List.of("queueDepth", "runningRequests", "utilizationPercent"));

        assertThat(split).containsExactly(
                Map.entry("queueDepth", new QueryResult.Vector(List.of(queue))),
                Map.entry("runningRequests", new QueryResult.Vector(List.of(running))),
                Map.entry("utilizationPercent", new QueryResult.NoSeries()));
    }

    @Test
    void aFailureOfTheOneQueryIsTheFailureOfEveryPartItCarried() {
        QueryResult.Failed timeout = new QueryResult.Failed(QueryFailure.TIMEOUT, "no answer within 2000 ms");

        assertThat(MergedQuery.split(timeout, List.of("queueDepth", "runningRequests")))
                .containsExactly(Map.entry("queueDepth", timeout), Map.entry("runningRequests", timeout));
    }

    private static QueryResult.LabeledSample sample(String kind, String pod, double value) {
        return new QueryResult.LabeledSample(Map.of(MergedQuery.KIND, kind, "namespace", "team-a", "pod", pod), value);
    }
}
