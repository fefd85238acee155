package dev.tokenscale.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.tokenscale.policy.MissingReason;
import dev.tokenscale.policy.PodCoverage;
import dev.tokenscale.policy.Signal;
import dev.tokenscale.policy.SignalReading;
import dev.tokenscale.sim.PrometheusScrapeConfig;
import dev.tokenscale.testing.MutableClock;
import dev.tokenscale.testing.PrometheusProcess;
import dev.tokenscale.testing.SilentServer;
import dev.tokenscale.testing.SteadyExporter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * 200 pools against a real Prometheus: half selected by their current pods, half by a selector label,
 * in three namespaces whose pods share names, read in two groups (two windows). One interval costs
 * five queries per group (one per signal over a window, one for the gauges), every pool is read from the batch, and every pool's report
 * equals what its own per-pool queries give.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchedSignalReaderIT {

    private static final int POOLS = 200;
    private static final Duration INTERVAL = Duration.ofSeconds(15);
    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final Duration OTHER_WINDOW = Duration.ofSeconds(12);
    /**
     * Six signals and the per-pod running requests: the four over a window one query each, the two
     * gauges (utilization, queue) and the running requests in one.
     */
    private static final int KINDS = 5;
    private static final Pattern QUERY_REQUESTS = Pattern.compile(
            "(?m)^prometheus_http_requests_total\\{code=\"200\",handler=\"/api/v1/query\"\\} (\\S+)$");

    private final MutableClock clock = new MutableClock(Instant.now());
    private final Map<String, AtomicInteger> sent = new ConcurrentHashMap<>();
    private final List<SignalRequest> requests = new ArrayList<>();
    private SteadyExporter exporter;
    private PrometheusProcess prometheus;

    @BeforeAll
    void startExporterAndPrometheus() {
        List<SteadyExporter.Pool> exported = new ArrayList<>();
        for (int i = 0; i < POOLS; i++) {
            String namespace = "team-" + "abc".charAt(i % 3);
            // Pools 0, 1 and 2 (and so on) are in different namespaces with the same pod names.
            List<String> pods = List.of("worker-" + i / 3 + "-0", "worker-" + i / 3 + "-1");
            List<String> exportedPods = new ArrayList<>(pods);
            if (i % 4 == 1) {
                // A pod that is gone from the target but whose series Prometheus still has.
                exportedPods.add("worker-" + i / 3 + "-gone");
            }
            double rps = i % 25 == 7 ? 0 : 1 + i % 9;
            if (i % 50 != 11) {
                exported.add(new SteadyExporter.Pool(namespace, "m" + i, exportedPods, rps, i % 5 == 3));
            }
            List<LabelMatcher> matchers = i % 2 == 0
                    ? List.of(LabelMatcher.equalTo("namespace", namespace), LabelMatcher.equalTo("model", "m" + i))
                    : List.of(LabelMatcher.equalTo("namespace", namespace), LabelMatcher.matching("pod", RegexLiteral.alternation(pods)));
            List<String> ready = i % 20 == 5 ? List.of(pods.get(0), pods.get(1), "worker-" + i / 3 + "-new") : pods;
            requests.add(new SignalRequest(namespace + "/pool-" + i, null, "vllm", Map.of(), i % 10 == 9 ? OTHER_WINDOW : WINDOW,
                    matchers, null, ready));
        }
        exporter = SteadyExporter.start(exported);
        prometheus = PrometheusProcess.start(List.of(new PrometheusScrapeConfig.Target(exporter.metricsUrl(), Map.of())));
        requests.replaceAll(r -> new SignalRequest(r.pool(), PrometheusConnection.plain(prometheus.url()), r.preset(),
                r.customQueries(), r.window(), r.matchers(), r.customRunningRequests(), r.readyPods()));
        prometheus.awaitFullWindow(OTHER_WINDOW.plusSeconds(2), 13, Duration.ofSeconds(60));
    }

    @AfterAll
    void stopEverything() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (exporter != null) {
            exporter.close();
        }
    }

    @Test
    void oneIntervalOfTwoHundredPoolsCostsFiveQueriesPerGroupAndEveryPoolGetsItsOwnQuerysSignals() throws Exception {
        // One pool's own answers fit in 16 KiB; a batch's do not, and must not be held to it, even when
        // the group's first batch was planned for the first pool alone.
        BatchedSignalReader reader = new BatchedSignalReader(clock, new PresetCatalog(), 16 * 1024, this::count);
        requests.forEach(request -> reader.read(request, INTERVAL));
        assertThat(reader.batchedPools()).isEqualTo(POOLS);

        clock.advance(INTERVAL);
        sent.clear();
        double before = queriesPrometheusAnswered();
        reader.tick();
        List<SignalReport> batched = requests.stream().map(request -> reader.read(request, INTERVAL)).toList();

        assertThat(sent.keySet()).allMatch(key -> key.startsWith("batch "));
        assertThat(sent).hasSize(KINDS).allSatisfy((kind, count) -> assertThat(count).hasValue(2))
                .containsKey("batch vllm utilizationPercent+queueDepth+runningRequests");
        // Prometheus counts a request once its answer is written, a moment after the client has read it.
        await("Prometheus counted the batch's queries").atMost(Duration.ofSeconds(10))
                .until(() -> queriesPrometheusAnswered() - before >= 2 * KINDS);
        assertThat(queriesPrometheusAnswered() - before).isEqualTo(2 * KINDS);

        // A scrape that comes late on a loaded machine shortens what rate() extrapolates over, so the
        // batch and the per-pool queries a few seconds later can see different windows; the comparison
        // is repeated on a fresh batch until both read the same samples, and fails if they never do.
        AtomicReference<List<SignalReport>> latest = new AtomicReference<>(batched);
        int[] counts = new int[4];
        await("every pool's batched signals equal its own queries'").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<SignalReport> attempt = latest.getAndSet(null);
            if (attempt == null) {
                clock.advance(INTERVAL);
                reader.tick();
                attempt = requests.stream().map(request -> reader.read(request, INTERVAL)).toList();
            }
            compareWithOwnQueries(attempt, counts);
        });
        int present = counts[0];
        int idle = counts[1];
        int noSeries = counts[2];
        int partialCoverage = counts[3];
        assertThat(present + idle + noSeries).isEqualTo(POOLS);
        assertThat(idle).isEqualTo(8);
        assertThat(noSeries).isEqualTo(4);
        // Ten pools with a ready pod that never reported, and the four without series, whose pods are all silent.
        assertThat(partialCoverage).isEqualTo(14);
    }

    @Test
    void aPrometheusThatNeverAnswersMakesOnlyItsOwnGroupMissingAndHoldsNoOtherGroupUp() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            BatchedSignalReader reader = new BatchedSignalReader(clock, new PresetCatalog(),
                    PrometheusSignalReader.DEFAULT_MAX_RESPONSE_BYTES, QueryListener.NONE);
            SignalRequest healthy = requests.get(0);
            PrometheusConnection hung = new PrometheusConnection(silent.url(), Duration.ofSeconds(2), PrometheusAuth.NONE, null, false);
            List<SignalRequest> stuck = requests.subList(1, 4).stream().map(r -> new SignalRequest(r.pool(), hung, r.preset(),
                    r.customQueries(), r.window(), r.matchers(), r.customRunningRequests(), r.readyPods())).toList();

            Thread slowReads = new Thread(() -> stuck.forEach(request -> reader.read(request, INTERVAL)));
            slowReads.start();
            long started = System.nanoTime();
            SignalReport report = reader.read(healthy, INTERVAL);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(report.snapshot().get(Signal.UTILIZATION_PERCENT)).isInstanceOf(SignalReading.Present.class);
            assertThat(took).isLessThan(Duration.ofSeconds(2));
            SignalReport timedOut = reader.read(stuck.get(2), INTERVAL);
            for (Signal signal : Signal.values()) {
                assertThat(timedOut.snapshot().get(signal)).isInstanceOfSatisfying(SignalReading.Missing.class, missing -> {
                    assertThat(missing.reason()).isEqualTo(MissingReason.ERROR);
                    assertThat(missing.detail()).startsWith(stuck.get(2).pool() + " " + signal.key() + ": timeout: ");
                });
            }
        }
    }

    private void count(String mode, String preset, String query) {
        sent.computeIfAbsent(mode + " " + preset + " " + query, key -> new AtomicInteger()).incrementAndGet();
    }

    private void compareWithOwnQueries(List<SignalReport> batched, int[] counts) {
        PrometheusSignalReader perPool = new PrometheusSignalReader(clock);
        int present = 0;
        int idle = 0;
        int noSeries = 0;
        int partialCoverage = 0;
        for (int i = 0; i < POOLS; i++) {
            SignalReport own = perPool.read(requests.get(i));
            assertSameReport(requests.get(i).pool(), batched.get(i), own);
            SignalReading ttft = batched.get(i).snapshot().get(Signal.TTFT_P99_MS);
            present += ttft instanceof SignalReading.Present ? 1 : 0;
            idle += ttft instanceof SignalReading.Idle ? 1 : 0;
            noSeries += ttft instanceof SignalReading.Missing m && m.reason() == MissingReason.NO_SERIES ? 1 : 0;
            partialCoverage += batched.get(i).snapshot().coverage() instanceof PodCoverage.Measured m && !m.silentPods().isEmpty() ? 1 : 0;
        }
        counts[0] = present;
        counts[1] = idle;
        counts[2] = noSeries;
        counts[3] = partialCoverage;
    }

    private static void assertSameReport(String pool, SignalReport batched, SignalReport own) {
        for (Signal signal : Signal.values()) {
            SignalReading b = batched.snapshot().get(signal);
            SignalReading o = own.snapshot().get(signal);
            if (o instanceof SignalReading.Present present) {
                assertThat(b).as(pool + " " + signal.key()).isInstanceOf(SignalReading.Present.class);
                assertThat(((SignalReading.Present) b).value()).as(pool + " " + signal.key())
                        .isCloseTo(present.value(), within(1e-9 * Math.max(1, Math.abs(present.value()))));
            } else {
                assertThat(b).as(pool + " " + signal.key()).isEqualTo(o);
            }
        }
        assertThat(batched.snapshot().coverage()).as(pool + " coverage").isEqualTo(own.snapshot().coverage());
        assertThat(batched.runningRequests().keySet()).as(pool + " running requests").isEqualTo(own.runningRequests().keySet());
        own.runningRequests().forEach((pod, value) -> assertThat(batched.runningRequests().get(pod)).isCloseTo(value, within(1e-9)));
        assertThat(batched.queries()).as(pool + " queries").isEqualTo(own.queries());
    }

    /** Prometheus' own count of the instant queries it answered: the batch's queries, seen from the other side. */
    private double queriesPrometheusAnswered() throws IOException, InterruptedException {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(prometheus.url() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher matcher = QUERY_REQUESTS.matcher(metrics.body());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
