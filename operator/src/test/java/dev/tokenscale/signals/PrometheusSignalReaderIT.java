package dev.tokenscale.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenscale.policy.MissingReason;
import dev.tokenscale.policy.Signal;
import dev.tokenscale.policy.SignalReading;
import dev.tokenscale.sim.EmulatedEngine;
import dev.tokenscale.sim.EmulatorSettings;
import dev.tokenscale.sim.LoadModel;
import dev.tokenscale.sim.PrometheusScrapeConfig;
import dev.tokenscale.sim.WorkerEmulator;
import dev.tokenscale.sim.WorkerEndpoint;
import dev.tokenscale.testing.LoopbackPorts;
import dev.tokenscale.testing.PrometheusProcess;
import dev.tokenscale.testing.RunningClock;
import dev.tokenscale.testing.SilentServer;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The reader against the real Prometheus scraping emulated vLLM and SGLang pools. One Prometheus and
 * one set of pools serve every test; each pool lives in its own namespace label.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrometheusSignalReaderIT {

    private static final LoadModel.Params MODEL = new LoadModel.Params(20, 150, 20, 200);
    private static final Duration WINDOW = Duration.ofSeconds(10);
    /** A value that tries every way out of its literal: quote, backslash, brace, newline. */
    private static final String HOSTILE_TEAM = "a\"b\\c}d\ne";

    private final RunningClock clock = new RunningClock();
    private final List<WorkerEmulator> emulators = new ArrayList<>();
    private final PrometheusSignalReader reader = new PrometheusSignalReader(Clock.systemUTC());
    private final Map<String, String> accuracy = new LinkedHashMap<>();
    private WorkerEmulator vllm;
    private WorkerEmulator legacy;
    private WorkerEmulator sglang;
    private WorkerEmulator queued;
    private PrometheusProcess prometheus;

    @BeforeAll
    void startPoolsAndPrometheus() {
        vllm = emulator(EmulatedEngine.VLLM, 3, 40);
        legacy = emulator(EmulatedEngine.VLLM_LEGACY, 2, 25);
        sglang = emulator(EmulatedEngine.SGLANG, 3, 45);
        WorkerEmulator idle = emulator(EmulatedEngine.VLLM, 2, 0);
        // Overloaded for 5 s of emulated time, then held at exactly its capacity: a steady backlog of 100.
        queued = emulator(EmulatedEngine.VLLM, 2, 60);
        clock.jump(Duration.ofSeconds(5));
        queued.setArrivalRps(40);

        List<PrometheusScrapeConfig.Target> targets = new ArrayList<>();
        addTargets(targets, vllm, "vllm-pool");
        addTargets(targets, legacy, "legacy-pool");
        addTargets(targets, sglang, "sglang-pool");
        addTargets(targets, idle, "idle-pool");
        addTargets(targets, queued, "queued-pool");
        targets.add(new PrometheusScrapeConfig.Target(vllm.workers().get(0).metricsUrl(),
                Map.of("namespace", "escape-pool", "pod", "escape-0", "team", HOSTILE_TEAM)));
        prometheus = PrometheusProcess.start(targets);
        prometheus.awaitFullWindow(WINDOW.plusSeconds(5), 14, Duration.ofSeconds(60));
    }

    @AfterAll
    void stopEverything() {
        if (prometheus != null) {
            prometheus.close();
        }
        emulators.forEach(WorkerEmulator::close);
        System.out.println("Measured accuracy against the emulator's truth (window " + WINDOW.toSeconds() + "s):");
        accuracy.forEach((key, line) -> System.out.println("  " + key + ": " + line));
    }

    @Test
    void theVllmPresetReadsTheEmulatorsFigures() {
        assertMatchesTruth("vllm", request("vllm-pool", "vllm"), vllm);
    }

    @Test
    void theVllmPresetFallsBackToTheNamesOlderVllmExports() {
        assertMatchesTruth("vllm (legacy names)", request("legacy-pool", "vllm"), legacy);
    }

    @Test
    void theSglangPresetReadsTheEmulatorsFigures() {
        assertMatchesTruth("sglang", request("sglang-pool", "sglang"), sglang);
    }

    @Test
    void theVllmPresetReadsASteadyBacklog() {
        assertThat(queued.truth().queueDepth()).isCloseTo(100, Percentage.withPercentage(1));
        assertMatchesTruth("vllm (backlog 100)", request("queued-pool", "vllm"), queued);
    }

    @Test
    void theCustomPresetRunsThePoolsTemplates() {
        Map<Signal, String> templates = new EnumMap<>(Signal.class);
        templates.put(Signal.TTFT_P99_MS,
                "1000 * histogram_quantile(0.99, sum by (le) (rate(vllm:time_to_first_token_seconds_bucket{{{matchers}}}[{{window}}])))");
        templates.put(Signal.TPOT_P99_MS,
                "1000 * histogram_quantile(0.99, sum by (le) (rate(vllm:inter_token_latency_seconds_bucket{{{matchers}}}[{{window}}])))");
        templates.put(Signal.UTILIZATION_PERCENT, "100 * avg(vllm:kv_cache_usage_perc{{{matchers}}})");
        templates.put(Signal.QUEUE_DEPTH, "sum(vllm:num_requests_waiting{{{matchers}},engine=\"0\"})");
        templates.put(Signal.TOKENS_PER_SECOND, "sum(rate(vllm:generation_tokens_total{{{matchers}}}[{{window}}]))");
        templates.put(Signal.REQUEST_RATE, "sum(rate(vllm:time_to_first_token_seconds_count{{{matchers}}}[{{window}}]))"
                + " + sum(deriv(vllm:num_requests_waiting{{{matchers}}}[{{window}}]))");
        SignalRequest request = new SignalRequest("queued-pool/chat", connection(prometheus.url()), "custom", templates,
                WINDOW, List.of(LabelMatcher.equalTo("namespace", "queued-pool")));

        assertMatchesTruth("custom", request, queued);
    }

    @Test
    void anIdlePoolHasIdleLatenciesAndRealZerosElsewhere() {
        SignalReport report = reader.read(request("idle-pool", "vllm"));

        assertThat(report.snapshot().get(Signal.TTFT_P99_MS)).isEqualTo(SignalReading.idle());
        assertThat(report.snapshot().get(Signal.TPOT_P99_MS)).isEqualTo(SignalReading.idle());
        assertThat(report.snapshot().get(Signal.UTILIZATION_PERCENT)).isEqualTo(SignalReading.present(0));
        assertThat(report.snapshot().get(Signal.QUEUE_DEPTH)).isEqualTo(SignalReading.present(0));
        assertThat(report.snapshot().get(Signal.TOKENS_PER_SECOND)).isEqualTo(SignalReading.present(0));
    }

    @Test
    void aNamespaceWithoutSeriesIsMissingNoSeriesForEverySignal() {
        SignalReport report = reader.read(request("nobody-here", "vllm"));

        for (Signal signal : Signal.values()) {
            assertThat(report.snapshot().get(signal)).isEqualTo(SignalReading.missing(MissingReason.NO_SERIES,
                    "nobody-here/chat " + signal.key() + ": no series match {namespace=\"nobody-here\"}"));
        }
    }

    @Test
    void aPrometheusThatIsDownGivesMissingErrorAtOnce() {
        URI down = URI.create("http://127.0.0.1:" + LoopbackPorts.free());
        long started = System.nanoTime();

        SignalReport report = reader.read(new SignalRequest("vllm-pool/chat", connection(down), "vllm", Map.of(), WINDOW,
                List.of(LabelMatcher.equalTo("namespace", "vllm-pool"))));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        for (Signal signal : Signal.values()) {
            assertThat(report.snapshot().get(signal)).isEqualTo(SignalReading.missing(MissingReason.ERROR,
                    "vllm-pool/chat " + signal.key() + ": unreachable: cannot connect to " + down + " (connection refused)"));
        }
    }

    @Test
    void aPrometheusThatNeverAnswersTimesOutWithinTheConfiguredTimeout() throws IOException {
        try (SilentServer silent = new SilentServer()) {
            PrometheusConnection oneSecond = PrometheusConnection.plain(silent.url()).withTimeout(Duration.ofSeconds(1));
            long started = System.nanoTime();

            SignalReport report = reader.read(new SignalRequest("vllm-pool/chat", oneSecond, "vllm", Map.of(), WINDOW,
                    List.of(LabelMatcher.equalTo("namespace", "vllm-pool"))));

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofSeconds(1), Duration.ofMillis(1800));
            assertThat(report.snapshot().get(Signal.QUEUE_DEPTH)).isEqualTo(SignalReading.missing(MissingReason.ERROR,
                    "vllm-pool/chat queueDepth: timeout: no answer from " + silent.url() + " within 1000 ms"));
        }
    }

    @Test
    void aBadCustomQueryCarriesPrometheusParseErrorAndNamesThePoolAndTheSignal() {
        SignalRequest request = new SignalRequest("team-a/chat", connection(prometheus.url()), "custom",
                Map.of(Signal.TTFT_P99_MS, "histogram_quantile(0.99, sum by (le) (rate(x_bucket{{{matchers}}}[{{window}}]))",
                        Signal.QUEUE_DEPTH, "sum(vllm:num_requests_waiting{{{matchers}}})"),
                WINDOW, List.of(LabelMatcher.equalTo("namespace", "vllm-pool")));

        SignalReport report = reader.read(request);

        assertThat(report.snapshot().get(Signal.TTFT_P99_MS)).isInstanceOfSatisfying(SignalReading.Missing.class, missing -> {
            assertThat(missing.reason()).isEqualTo(MissingReason.ERROR);
            assertThat(missing.detail()).startsWith("team-a/chat ttftP99Ms: bad query: HTTP 400: bad_data: ")
                    .contains("parse error");
        });
        assertThat(report.snapshot().get(Signal.QUEUE_DEPTH)).isEqualTo(SignalReading.present(0));
    }

    @Test
    void aSelectorValueWithQuoteBackslashBraceAndNewlineMatchesExactlyThatValue() {
        SignalReport report = reader.read(new SignalRequest("escape-pool/chat", connection(prometheus.url()), "vllm", Map.of(),
                WINDOW, List.of(LabelMatcher.equalTo("namespace", "escape-pool"), LabelMatcher.equalTo("team", HOSTILE_TEAM))));

        assertThat(report.snapshot().get(Signal.UTILIZATION_PERCENT))
                .isEqualTo(SignalReading.present(vllm.trueSignals().get(Signal.UTILIZATION_PERCENT)));
        assertThat(report.queries().get(Signal.QUEUE_DEPTH))
                .isEqualTo("sum(vllm:num_requests_waiting{namespace=\"escape-pool\",team=\"a\\\"b\\\\c}d\\ne\"})");
    }

    @Test
    void aSelectorValueThatTriesToCloseTheSelectorCannotWidenTheQueryBeyondTheNamespace() {
        for (String injection : List.of(
                "x\"} or vllm:kv_cache_usage_perc{namespace=~\".+",
                "x\",namespace=~\".+",
                "\\\"} or on() vector(1) or {namespace=\"vllm-pool",
                ".*")) {
            SignalReport report = reader.read(new SignalRequest("escape-pool/chat", connection(prometheus.url()), "vllm",
                    Map.of(), WINDOW, List.of(LabelMatcher.equalTo("namespace", "escape-pool"), LabelMatcher.equalTo("team", injection))));

            for (Signal signal : Signal.values()) {
                assertThat(report.snapshot().get(signal)).as("%s with team=%s", signal, injection)
                        .isInstanceOfSatisfying(SignalReading.Missing.class,
                                missing -> assertThat(missing.reason()).isEqualTo(MissingReason.NO_SERIES));
            }
        }
    }

    private void assertMatchesTruth(String preset, SignalRequest request, WorkerEmulator emulator) {
        SignalReport report = reader.read(request);
        Map<Signal, Double> truth = emulator.trueSignals();

        for (Signal signal : Signal.values()) {
            SignalReading reading = report.snapshot().get(signal);
            assertThat(reading).as("%s %s: %s", preset, signal.key(), report.queries().get(signal))
                    .isInstanceOf(SignalReading.Present.class);
            double read = ((SignalReading.Present) reading).value();
            double expected = truth.get(signal);
            accuracy.put(preset + " " + signal.key(), expected == 0
                    ? String.format(Locale.ROOT, "read %.3f, true 0", read)
                    : String.format(Locale.ROOT, "read %.3f, true %.3f (%+.2f%%)", read, expected, 100 * (read - expected) / expected));
            Percentage tolerance = Percentage.withPercentage(signal.isLatency() ? 15 : 10);
            if (expected == 0) {
                assertThat(read).as("%s %s", preset, signal.key()).isZero();
            } else {
                assertThat(read).as("%s %s", preset, signal.key()).isCloseTo(expected, tolerance);
            }
        }
    }

    private SignalRequest request(String namespace, String preset) {
        return new SignalRequest(namespace + "/chat", connection(prometheus.url()), preset, Map.of(), WINDOW,
                List.of(LabelMatcher.equalTo("namespace", namespace)));
    }

    private static PrometheusConnection connection(URI url) {
        return PrometheusConnection.plain(url);
    }

    private WorkerEmulator emulator(EmulatedEngine engine, int replicas, double rps) {
        WorkerEmulator emulator = WorkerEmulator.start(EmulatorSettings.defaults().withEngine(engine).withReplicas(replicas)
                .withArrivalRps(rps).withModel(MODEL).withModelName("test/model"), clock);
        emulators.add(emulator);
        return emulator;
    }

    private static void addTargets(List<PrometheusScrapeConfig.Target> targets, WorkerEmulator emulator, String namespace) {
        for (WorkerEndpoint worker : emulator.workers()) {
            targets.add(new PrometheusScrapeConfig.Target(worker.metricsUrl(),
                    Map.of("namespace", namespace, "pod", namespace + "-" + worker.name())));
        }
    }
}
