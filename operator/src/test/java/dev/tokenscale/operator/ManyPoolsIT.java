package dev.tokenscale.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.tokenscale.api.InferencePool;
import dev.tokenscale.api.PoolMode;
import dev.tokenscale.policy.Signal;
import dev.tokenscale.policy.SignalReading;
import dev.tokenscale.signals.BatchedSignalReader;
import dev.tokenscale.signals.LabelMatcher;
import dev.tokenscale.signals.PresetCatalog;
import dev.tokenscale.signals.PrometheusConnection;
import dev.tokenscale.signals.PrometheusSignalReader;
import dev.tokenscale.signals.SignalReport;
import dev.tokenscale.signals.SignalRequest;
import dev.tokenscale.sim.PrometheusScrapeConfig;
import dev.tokenscale.testing.MockCluster;
import dev.tokenscale.testing.OperatorUnderTest;
import dev.tokenscale.testing.PrometheusProcess;
import dev.tokenscale.testing.SteadyExporter;
import dev.tokenscale.testing.TestPools;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * 200 pools on one operator, against the mock API server and a real Prometheus: half selected by their
 * Deployment's current pods, half by a selector label, in three namespaces. Every pool is evaluated
 * every interval, the operator sends at most one query per signal kind per interval for them all,
 * and each pool's signals are the ones its own per-pool queries give.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManyPoolsIT {

    private static final int POOLS = 200;
    private static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final Duration WAIT = Duration.ofSeconds(90);
    /**
     * The queries of one batch of the one group all pools form: the four signals over a window one
     * each, the two gauges and the per-pod running requests in one.
     */
    private static final int KINDS = 5;

    private final AtomicInteger batchQueries = new AtomicInteger();
    private final AtomicInteger poolQueries = new AtomicInteger();
    private SteadyExporter exporter;
    private PrometheusProcess prometheus;
    private MockCluster cluster;
    private BatchedSignalReader reader;
    private OperatorUnderTest operator;

    @BeforeAll
    void start() {
        List<SteadyExporter.Pool> exported = new ArrayList<>();
        for (int i = 0; i < POOLS; i++) {
            exported.add(new SteadyExporter.Pool(namespace(i), "m" + i, List.of("d" + i + "-0", "d" + i + "-1"), 1 + i % 9, i % 5 == 3));
        }
        exporter = SteadyExporter.start(exported);
        prometheus = PrometheusProcess.start(List.of(new PrometheusScrapeConfig.Target(exporter.metricsUrl(), Map.of())));
        cluster = new MockCluster();
        for (int i = 0; i < POOLS; i++) {
            cluster.createDeployment(namespace(i), "d" + i, 2);
        }
        await("the stand-in controller made every pod").atMost(WAIT)
                .until(() -> cluster.client().pods().inAnyNamespace().list().getItems().size() == 2 * POOLS);
        prometheus.awaitFullWindow(WINDOW.plusSeconds(2), 11, WAIT);
        reader = BatchedSignalReader.start(Clock.systemUTC(), new PresetCatalog(), PrometheusSignalReader.DEFAULT_MAX_RESPONSE_BYTES,
                (mode, preset, query) -> (mode.equals("batch") ? batchQueries : poolQueries).incrementAndGet(),
                BatchedSignalReader.DEFAULT_TICK);
        operator = OperatorUnderTest.start(cluster, reader, Clock.systemUTC());
        for (int i = 0; i < POOLS; i++) {
            cluster.client().resource(pool(i)).create();
        }
    }

    @AfterAll
    void stop() {
        if (operator != null) {
            operator.close();
        }
        if (reader != null) {
            reader.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (prometheus != null) {
            prometheus.close();
        }
        if (exporter != null) {
            exporter.close();
        }
    }

    @Test
    void everyPoolIsEvaluatedEveryIntervalFromOneBatchOfFiveQueriesAndReadsWhatItsOwnQueriesGive() {
        await("every pool evaluated once").atMost(WAIT).until(() -> evaluatedSince(Instant.EPOCH) == POOLS);

        Instant from = Instant.now();
        int before = batchQueries.get();
        await("every pool evaluated twice more").atMost(WAIT).until(() -> evaluatedSince(from.plus(INTERVAL)) == POOLS);
        Duration elapsed = Duration.between(from, Instant.now());
        int sent = batchQueries.get() - before;

        System.out.printf("%d pools, %d s interval: %d batch queries in %.1f s, %d per-pool queries%n", POOLS,
                INTERVAL.toSeconds(), sent, elapsed.toMillis() / 1000.0, poolQueries.get());
        assertThat(poolQueries).hasValue(0);
        long intervals = elapsed.toMillis() / INTERVAL.toMillis() + 1;
        assertThat(sent).as("batch queries in %s", elapsed).isBetween(KINDS, (int) (KINDS * intervals));

        // A scrape that comes late on a loaded machine shortens what rate() extrapolates over, so the
        // operator's batch and the per-pool queries a few seconds later can see different windows; the
        // comparison is repeated against the operator's next evaluations until both read the same
        // samples, and fails if they never do.
        await("every pool shows what its own queries give").atMost(WAIT).untilAsserted(this::everyPoolShowsWhatItsOwnQueriesGive);
    }

    private void everyPoolShowsWhatItsOwnQueriesGive() {
        PrometheusSignalReader perPool = new PrometheusSignalReader(Clock.systemUTC());
        int present = 0;
        for (int i = 0; i < POOLS; i++) {
            SignalReport own = perPool.read(ownRequest(i));
            for (Signal signal : Signal.values()) {
                Optional<Double> shown = signalGauge(i, signal);
                if (own.snapshot().get(signal) instanceof SignalReading.Present value) {
                    present++;
                    assertThat(shown).as(namespace(i) + "/pool-" + i + " " + signal.key()).isPresent();
                    assertThat(shown.get()).as(namespace(i) + "/pool-" + i + " " + signal.key())
                            .isCloseTo(value.value(), within(1e-9 * Math.max(1, Math.abs(value.value()))));
                } else {
                    assertThat(shown).as(namespace(i) + "/pool-" + i + " " + signal.key()).isEmpty();
                }
            }
        }
        assertThat(present).isEqualTo(POOLS * Signal.values().length);
    }

    private long evaluatedSince(Instant since) {
        int count = 0;
        for (int i = 0; i < POOLS; i++) {
            Optional<Instant> last = operator.lastEvaluation(namespace(i), "pool-" + i);
            if (last.isPresent() && last.get().isAfter(since)) {
                count++;
            }
        }
        return count;
    }

    private Optional<Double> signalGauge(int i, Signal signal) {
        return operator.dataPoints("tokenscale_pool_signal", namespace(i), "pool-" + i).stream()
                .filter(point -> signal.key().equals(point.getLabels().get("signal")))
                .map(point -> ((GaugeSnapshot.GaugeDataPointSnapshot) point).getValue())
                .findFirst();
    }

    /** The request the reconciler builds for pool i, sent the old way: the pool's own queries. */
    private SignalRequest ownRequest(int i) {
        List<String> pods = cluster.client().pods().inNamespace(namespace(i)).withLabel("app", "d" + i).list().getItems().stream()
                .map(pod -> pod.getMetadata().getName()).sorted().toList();
        List<LabelMatcher> matchers = SeriesSelection.matchers(namespace(i), selector(i), pods).orElseThrow();
        return new SignalRequest(namespace(i) + "/pool-" + i, PrometheusConnection.plain(prometheus.url()), "vllm", Map.of(),
                WINDOW, matchers, null, pods);
    }

    private InferencePool pool(int i) {
        InferencePool pool = TestPools.deploymentPool(namespace(i), "pool-" + i, "d" + i, 1, 4);
        pool.getSpec().setMode(PoolMode.RECOMMEND);
        pool.getSpec().setEvaluationInterval(INTERVAL.toSeconds() + "s");
        pool.getSpec().getMetrics().getPrometheus().setUrl(prometheus.url().toString());
        pool.getSpec().getMetrics().setWindow(WINDOW.toSeconds() + "s");
        pool.getSpec().getMetrics().setSelector(selector(i));
        return pool;
    }

    private static Map<String, String> selector(int i) {
        return i % 2 == 0 ? Map.of("model", "m" + i) : null;
    }

    private static String namespace(int i) {
        return "team-" + "abc".charAt(i % 3);
    }

}
