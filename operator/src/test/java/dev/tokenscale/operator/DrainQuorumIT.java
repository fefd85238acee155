package dev.tokenscale.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenscale.api.InferencePool;
import dev.tokenscale.api.InferencePoolStatus;
import dev.tokenscale.sim.EmulatedEngine;
import dev.tokenscale.sim.EmulatorSettings;
import dev.tokenscale.sim.LoadModel;
import dev.tokenscale.sim.PrometheusScrapeConfig;
import dev.tokenscale.sim.WorkerEmulator;
import dev.tokenscale.signals.PrometheusSignalReader;
import dev.tokenscale.testing.MockCluster;
import dev.tokenscale.testing.MutableClock;
import dev.tokenscale.testing.OperatorUnderTest;
import dev.tokenscale.testing.PrometheusProcess;
import dev.tokenscale.testing.RunningClock;
import dev.tokenscale.testing.ScaleWriteRecorder.ScaleWrite;
import dev.tokenscale.testing.TestPools;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Drain-aware scale-down and the coverage quorum with everything real but the API server: a real
 * Prometheus scrapes emulated vLLM workers, one per pod of the mock cluster's Deployment (worker i
 * labelled pod=llama-i), and the real operator reads them through the vLLM preset.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DrainQuorumIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final LoadModel.Params MODEL = new LoadModel.Params(20, 150, 20, 200);

    private final RunningClock workerClock = new RunningClock();
    private final MutableClock operatorClock = MutableClock.at("2026-01-01T00:00:00Z");
    private final List<WorkerEmulator> emulators = new ArrayList<>();
    private WorkerEmulator drainWorkers;
    private WorkerEmulator quorumWorkers;
    private PrometheusProcess prometheus;
    private MockCluster cluster;
    private OperatorUnderTest operator;

    @BeforeAll
    void start() {
        // 10 rps on 4 replicas of 20: 12.5% utilization, well under the 30% that asks for a scale-down.
        drainWorkers = emulator(10);
        drainWorkers.setRunning(0, 3.0);
        drainWorkers.setRunning(1, 5.0);
        drainWorkers.setRunning(2, 0.0);
        drainWorkers.setRunning(3, 4.0);
        quorumWorkers = emulator(10);
        prometheus = PrometheusProcess.start(targets(4));
        prometheus.awaitFullWindow(Duration.ofSeconds(5), 5, WAIT);
        cluster = new MockCluster();
        operator = OperatorUnderTest.start(cluster, new PrometheusSignalReader(operatorClock), operatorClock);
    }

    @AfterAll
    void stop() {
        if (operator != null) {
            operator.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (prometheus != null) {
            prometheus.close();
        }
        emulators.forEach(WorkerEmulator::close);
    }

    @Test
    void theIdlestPodIsMarkedBeforeScaleAndRemovedAndALeftOverMarkIsGoneAtTheNextEvaluation() {
        deployment("drain", 4);
        create(pool("drain"));

        await().atMost(WAIT).until(() -> cluster.deploymentReplicas("drain", "llama") == 3);

        List<ScaleWrite> writes = writesIn("drain");
        assertThat(writes).as("the idlest pod's annotation, then /scale").hasSizeGreaterThanOrEqualTo(2);
        assertThat(writes.get(0).pod()).isEqualTo("llama-2");
        assertThat(writes.get(0).body()).contains("\"controller.kubernetes.io/pod-deletion-cost\":\"-2147483648\"");
        assertThat(writes.get(1).isScale()).isTrue();
        await("the ReplicaSet stand-in removes the marked pod").atMost(WAIT)
                .until(() -> podNames("drain"), names -> names.equals(List.of("llama-0", "llama-1", "llama-3")));
        assertThat(pods("drain")).as("no pod that stays was annotated")
                .allSatisfy(p -> assertThat(p.getMetadata().getAnnotations()).isNullOrEmpty());
        assertThat(await().atMost(WAIT).until(() -> cluster.events("drain", "ScaledDown"), e -> !e.isEmpty())).first()
                .satisfies(e -> assertThat(e.getMessage()).contains("Expected to go, as the idlest: llama-2 (0 running requests)."));

        // A mark on a pod that stayed, as when a ReplicaSet removes an unready pod first: the next evaluation clears it.
        cluster.client().pods().inNamespace("drain").withName("llama-0").edit(p -> {
            p.getMetadata().setAnnotations(Map.of(PodDeletionCost.ANNOTATION, ScaleDownPlan.VICTIM_COST, PodDeletionCost.MARK, "pool"));
            return p;
        });
        await("the left-over mark is cleared").atMost(WAIT).until(() -> cluster.client().pods().inNamespace("drain")
                .withName("llama-0").get().getMetadata().getAnnotations(), a -> a == null || a.isEmpty());
    }

    @Test
    void withOnePodOfFourUnscrapedTheScaleDownIsHeldNamingItButAnSloBreachStillScalesUp() {
        prometheus.scrapeOnly(targets(3));
        // Prometheus marks a vanished target's series stale two scrape intervals after its last scrape.
        await("llama-3's series go stale").atMost(WAIT).pollInterval(Duration.ofMillis(250))
                .until(() -> prometheus.queryValue("count(vllm:num_requests_running{namespace=\"quorum\"})"), v -> v.orElse(0.0) == 3.0);
        deployment("quorum", 4);
        create(pool("quorum"));

        InferencePoolStatus held = awaitStatus("quorum", s -> s.getLastDecision() != null
                && "low_coverage".equals(s.getLastDecision().getReason()));
        assertThat(held.getSignals().getCoveragePercent()).isEqualTo(75.0);
        assertThat(held.getSignals().getSilentPods()).containsExactly("llama-3");
        assertThat(held.getLastDecision().getMessage()).contains("3 of 4 ready pods", "below the quorum of 80%", "silent: llama-3");
        Condition metrics = condition(held, "MetricsAvailable");
        assertThat(metrics.getStatus()).isEqualTo("True");
        assertThat(metrics.getReason()).isEqualTo("PartialCoverage");
        assertThat(metrics.getMessage()).contains("silent: llama-3");
        assertThat(cluster.deploymentReplicas("quorum", "llama")).isEqualTo(4);
        assertThat(writesIn("quorum")).isEmpty();

        // 140 rps on 80 of capacity: a backlog, and P99 TTFT far above the 500 ms SLO.
        quorumWorkers.setArrivalRps(140);

        InferencePoolStatus up = awaitStatus("quorum", s -> s.getLastDecision() != null
                && "scale_up".equals(s.getLastDecision().getAction()));
        assertThat(up.getLastDecision().getReason()).isIn("slo_violation", "high_utilization");
        assertThat(cluster.deploymentReplicas("quorum", "llama")).isEqualTo(5);
    }

    private WorkerEmulator emulator(double rps) {
        WorkerEmulator emulator = WorkerEmulator.start(EmulatorSettings.defaults().withEngine(EmulatedEngine.VLLM)
                .withReplicas(4).withArrivalRps(rps).withModel(MODEL), workerClock);
        emulators.add(emulator);
        return emulator;
    }

    /** Every drain worker, and the first {@code quorum} quorum workers. */
    private List<PrometheusScrapeConfig.Target> targets(int quorum) {
        List<PrometheusScrapeConfig.Target> targets = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            targets.add(new PrometheusScrapeConfig.Target(drainWorkers.workers().get(i).metricsUrl(),
                    Map.of("namespace", "drain", "pod", "llama-" + i)));
        }
        for (int i = 0; i < quorum; i++) {
            targets.add(new PrometheusScrapeConfig.Target(quorumWorkers.workers().get(i).metricsUrl(),
                    Map.of("namespace", "quorum", "pod", "llama-" + i)));
        }
        return targets;
    }

    private InferencePool pool(String namespace) {
        InferencePool pool = TestPools.deploymentPool(namespace, "pool", "llama", 1, 6);
        pool.getSpec().getMetrics().getPrometheus().setUrl(prometheus.url().toString());
        pool.getSpec().getMetrics().setWindow("4s");
        return pool;
    }

    private void deployment(String namespace, int replicas) {
        cluster.createDeployment(namespace, "llama", replicas);
        await().atMost(WAIT).until(() -> pods(namespace).size() == replicas);
    }

    private List<Pod> pods(String namespace) {
        return cluster.client().pods().inNamespace(namespace).list().getItems();
    }

    private List<String> podNames(String namespace) {
        return pods(namespace).stream().map(p -> p.getMetadata().getName()).sorted().toList();
    }

    private List<ScaleWrite> writesIn(String namespace) {
        return cluster.scale().writes().stream().filter(w -> w.path().contains("/namespaces/" + namespace + "/")).toList();
    }

    private void create(InferencePool pool) {
        cluster.client().resource(pool).create();
    }

    private InferencePoolStatus awaitStatus(String namespace, Predicate<InferencePoolStatus> condition) {
        return await().atMost(WAIT).ignoreExceptions()
                .until(() -> cluster.pool(namespace, "pool").getStatus(), s -> s != null && condition.test(s));
    }

    private static Condition condition(InferencePoolStatus status, String type) {
        return status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
    }
}
