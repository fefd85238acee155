package dev.tokenscale.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenscale.testing.FakePrometheusServer;
import dev.tokenscale.testing.HugeAnswerServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusHistoryReaderTest {

    private static final Instant TO = Instant.parse("2026-03-02T08:00:00Z");
    private static final Instant FROM = TO.minus(Duration.ofDays(8));
    private static final List<LabelMatcher> POOL = List.of(LabelMatcher.equalTo("namespace", "team-a"),
            LabelMatcher.matching("pod", "llama-.+"));

    private static SignalRequest request(java.net.URI url) {
        return new SignalRequest("team-a/chat", PrometheusConnection.plain(url), "vllm", Map.of(), Duration.ofMinutes(2), POOL);
    }

    @Test
    void theHistoryIsTheRequestsPerSecondQueryOverQueryRangeScopedToThePoolEveryFiveMinutes() {
        String matrix = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},\"values\":"
                + "[[1772438400,\"20\"],[1772438700,\"NaN\"],[1772439000,\"22.5\"]]}]}}";
        try (FakePrometheusServer prometheus = FakePrometheusServer.answering(query -> new FakePrometheusServer.Answer(200, matrix))) {
            DemandHistory history = new PrometheusHistoryReader().read(request(prometheus.url()), FROM, TO, Duration.ofMinutes(5));

            assertThat(history.read()).isTrue();
            assertThat(history.points()).as("a NaN is a gap, never a zero").containsExactly(
                    new DemandHistory.Point(Instant.ofEpochSecond(1772438400), 20),
                    new DemandHistory.Point(Instant.ofEpochSecond(1772439000), 22.5));
            String sent = prometheus.received().get(0).query();
            assertThat(sent).contains("vllm:time_to_first_token_seconds_count{namespace=\"team-a\",pod=~\"llama-.+\"}[2m]")
                    .contains("vllm:num_requests_waiting{namespace=\"team-a\",pod=~\"llama-.+\"}[2m]")
                    .endsWith("&start=" + FROM.getEpochSecond() + "&end=" + TO.getEpochSecond() + "&step=300");
            assertThat(history.query()).isEqualTo(sent.substring(0, sent.indexOf("&start=")));
        }
    }

    @Test
    void noSeriesIsAnEmptyHistoryReadWithoutAProblem() {
        String empty = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}";
        try (FakePrometheusServer prometheus = FakePrometheusServer.answering(query -> new FakePrometheusServer.Answer(200, empty))) {
            DemandHistory history = new PrometheusHistoryReader().read(request(prometheus.url()), FROM, TO, Duration.ofMinutes(5));

            assertThat(history.read()).isTrue();
            assertThat(history.points()).isEmpty();
        }
    }

    @Test
    void anAnswerLargerThanTheCapIsAbandonedAndTheHistoryNotRead() {
        try (HugeAnswerServer prometheus = new HugeAnswerServer(8L << 20)) {
            DemandHistory history = new PrometheusHistoryReader(new PresetCatalog(), 64 * 1024)
                    .read(request(prometheus.url()), FROM, TO, Duration.ofMinutes(5));

            assertThat(history.read()).isFalse();
            assertThat(history.points()).isEmpty();
            assertThat(history.problem()).startsWith("team-a/chat requestsPerSecond history: malformed answer:")
                    .contains("exceeded the cap of 65536 bytes");
        }
    }
}
