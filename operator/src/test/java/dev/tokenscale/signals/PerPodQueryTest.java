package dev.tokenscale.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenscale.policy.PodCoverage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PerPodQueryTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:10:00Z");
    private static final List<String> READY = List.of("llama-0", "llama-1", "llama-2", "llama-3");

    @Test
    void theTemplateIsScopedLikeEverySignalAndAskedForRunningRequestsAndSampleTimesInOneQuery() {
        String promql = PerPodQuery.render("vllm:num_requests_running{{{matchers}}}",
                List.of(LabelMatcher.equalTo("namespace", "inference"), LabelMatcher.matching("pod", "a|b")), Duration.ofMinutes(2));

        assertThat(promql).isEqualTo("label_replace(sum by (pod) (vllm:num_requests_running{namespace=\"inference\",pod=~\"a|b\"}),"
                + " \"tokenscale_field\", \"running\", \"\", \"\") or label_replace(min by (pod) (time() - timestamp("
                + "vllm:num_requests_running{namespace=\"inference\",pod=~\"a|b\"})), \"tokenscale_field\", \"age_seconds\", \"\", \"\")");
    }

    @Test
    void aRunningRequestsTemplateThatForgetsItsMatchersIsScopedAllTheSame() {
        String promql = PerPodQuery.render("vllm:num_requests_running # {{matchers}}",
                List.of(LabelMatcher.equalTo("namespace", "inference")), Duration.ofMinutes(2));

        assertThat(promql).contains("(vllm:num_requests_running{namespace=\"inference\"})")
                .contains("timestamp(vllm:num_requests_running{namespace=\"inference\"})").doesNotContain("#");
    }

    @Test
    void aPodWithoutAFreshSampleIsSilentAndHasNoRunningCountWhileStrangersAreIgnored() {
        String body = vector(
                series("llama-0", "running", "0"), series("llama-0", "age_seconds", "1"),
                series("llama-1", "running", "4"), series("llama-1", "age_seconds", "2.5"),
                series("llama-2", "running", "6"), series("llama-2", "age_seconds", "200"),
                series("stranger", "running", "0"), series("stranger", "age_seconds", "0"));

        PerPodQuery.Answer answer = PerPodQuery.interpret(PrometheusResponse.parseVector(200, body), READY, NOW, Duration.ofMinutes(2));

        assertThat(answer.runningRequests()).containsOnlyKeys("llama-0", "llama-1", "stranger").containsEntry("llama-1", 4.0);
        assertThat(answer.coverage()).isInstanceOfSatisfying(PodCoverage.Measured.class, m -> {
            assertThat(m.silentPods()).containsExactly("llama-2", "llama-3");
            assertThat(m.percent()).isEqualTo(50.0);
        });
    }

    @Test
    void noSeriesAtAllMeansEveryReadyPodIsSilentNotThatNobodyIsExpected() {
        PerPodQuery.Answer answer = PerPodQuery.interpret(PrometheusResponse.parseVector(200, vector()), READY, NOW, Duration.ofMinutes(2));

        assertThat(answer.coverage().percentOrNull()).isEqualTo(0.0);
        assertThat(answer.runningRequests()).isEmpty();
    }

    @Test
    void aFailedQueryLeavesCoverageUnknownNeverFull() {
        PerPodQuery.Answer answer = PerPodQuery.interpret(PrometheusResponse.parseVector(503, "{\"status\":\"error\",\"error\":\"overloaded\"}"),
                READY, NOW, Duration.ofMinutes(2));

        assertThat(answer.coverage()).isInstanceOfSatisfying(PodCoverage.Unknown.class,
                u -> assertThat(u.detail()).contains("server error", "overloaded"));
    }

    @Test
    void seriesWithoutAPodLabelMeasureNothing() {
        String body = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + "{\"metric\":{\"tokenscale_field\":\"running\"},\"value\":[1,\"3\"]},"
                + "{\"metric\":{\"tokenscale_field\":\"age_seconds\"},\"value\":[1,\"0.5\"]}]}}";

        PerPodQuery.Answer answer = PerPodQuery.interpret(PrometheusResponse.parseVector(200, body), READY, NOW, Duration.ofMinutes(2));

        assertThat(answer.coverage()).isInstanceOf(PodCoverage.NotMeasured.class);
    }

    @Test
    void aMatrixIsNoPerPodAnswer() {
        QueryResult result = PrometheusResponse.parseVector(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}");

        assertThat(result).isInstanceOfSatisfying(QueryResult.Failed.class, f -> assertThat(f.detail()).contains("instant vector"));
    }

    private static String series(String pod, String field, String value) {
        return "{\"metric\":{\"pod\":\"" + pod + "\",\"tokenscale_field\":\"" + field + "\"},\"value\":[1767226200,\"" + value + "\"]}";
    }

    private static String vector(String... series) {
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[" + String.join(",", series) + "]}}";
    }
}
