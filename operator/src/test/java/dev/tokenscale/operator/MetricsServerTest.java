package dev.tokenscale.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenscale.policy.MissingReason;
import dev.tokenscale.policy.Signal;
import dev.tokenscale.policy.SignalSnapshot;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class MetricsServerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesMetricsHealthAndReadinessOnOnePortAndSaysWhyItIsNotReady() throws Exception {
        OperatorMetrics metrics = new OperatorMetrics(new PrometheusRegistry());
        metrics.recordSignals("llm", "pool", SignalSnapshot.builder().present(Signal.TTFT_P99_MS, 420).build());
        AtomicReference<ProbeAnswer> ready = new AtomicReference<>(ProbeAnswer.failing("not leader: lease held by operator-b"));
        try (MetricsServer server = MetricsServer.start("127.0.0.1", 0, metrics.registry(), () -> ProbeAnswer.ok("ok"), ready::get)) {
            assertThat(get(server, "/healthz").statusCode()).isEqualTo(200);
            HttpResponse<String> waiting = get(server, "/readyz");
            assertThat(waiting.statusCode()).isEqualTo(503);
            assertThat(waiting.body()).isEqualTo("not leader: lease held by operator-b\n");
            ready.set(ProbeAnswer.ok("ok: leader operator-a"));
            assertThat(get(server, "/readyz").statusCode()).isEqualTo(200);
            assertThat(get(server, "/metrics").body())
                    .contains("tokenscale_pool_signal{namespace=\"llm\",pool=\"pool\",signal=\"ttftP99Ms\"} 420.0");
            assertThat(get(server, "/nothing").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aSignalThatGoesMissingLosesItsSeriesInsteadOfReadingZero() throws Exception {
        OperatorMetrics metrics = new OperatorMetrics(new PrometheusRegistry());
        metrics.recordSignals("llm", "pool", SignalSnapshot.builder()
                .present(Signal.UTILIZATION_PERCENT, 72).present(Signal.TTFT_P99_MS, 300).build());
        metrics.recordSignals("llm", "pool", SignalSnapshot.builder().observedAt(Instant.EPOCH)
                .missing(Signal.UTILIZATION_PERCENT, MissingReason.ERROR, "timeout").idle(Signal.TTFT_P99_MS).build());

        try (MetricsServer server = MetricsServer.start("127.0.0.1", 0, metrics.registry(), () -> ProbeAnswer.ok("ok"),
                () -> ProbeAnswer.ok("ok"))) {
            String exposition = get(server, "/metrics").body();
            assertThat(exposition).doesNotContain("tokenscale_pool_signal{");
            assertThat(exposition).contains(
                    "tokenscale_prometheus_query_errors_total{namespace=\"llm\",pool=\"pool\",signal=\"utilizationPercent\"} 1.0");
        }
    }

    @Test
    void requestsBeyondItsThreeThreadsWaitTheirTurnAndAreAllAnswered() throws Exception {
        OperatorMetrics metrics = new OperatorMetrics(new PrometheusRegistry());
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger answering = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        try (MetricsServer server = MetricsServer.start("127.0.0.1", 0, metrics.registry(), () -> ProbeAnswer.ok("ok"), () -> {
            threads.add(Thread.currentThread().getName());
            mostAtOnce.accumulateAndGet(answering.incrementAndGet(), Math::max);
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answering.decrementAndGet();
            return ProbeAnswer.ok("ok");
        })) {
            List<CompletableFuture<HttpResponse<String>>> answers = IntStream.range(0, 12)
                    .mapToObj(i -> http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/readyz"))
                            .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()))
                    .toList();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> answering.get() == MetricsServer.THREADS);
            release.countDown();

            assertThat(answers).allSatisfy(answer -> assertThat(answer.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200));
            assertThat(mostAtOnce).hasValue(MetricsServer.THREADS);
            assertThat(threads).hasSizeLessThanOrEqualTo(MetricsServer.THREADS).allMatch(name -> name.startsWith("tokenscale-metrics-http-"));
        }
    }

    private HttpResponse<String> get(MetricsServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
