package dev.tokenscale.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenscale.api.BudgetPoolStatus;
import dev.tokenscale.api.InferenceBudget;
import dev.tokenscale.api.InferenceBudgetSpec;
import dev.tokenscale.api.InferenceBudgetStatus;
import dev.tokenscale.api.InferencePool;
import dev.tokenscale.api.PoolPriority;
import dev.tokenscale.cli.demo.LoopbackPortRange;
import dev.tokenscale.signals.PrometheusSignalReader;
import dev.tokenscale.sim.EmulatedEngine;
import dev.tokenscale.sim.EmulatorSettings;
import dev.tokenscale.sim.LoadModel;
import dev.tokenscale.sim.PrometheusScrapeConfig;
import dev.tokenscale.sim.WorkerEmulator;
import dev.tokenscale.testing.MockCluster;
import dev.tokenscale.testing.OperatorUnderTest;
import dev.tokenscale.testing.PrometheusProcess;
import dev.tokenscale.testing.ScaleWriteRecorder;
import dev.tokenscale.testing.TestPools;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * One budget over three pools, with real signals: emulated vLLM workers per pool, a real Prometheus
 * scraping them, the operator reading it, the mock API server. Realtime and interactive are busy
 * beyond their SLO, batch is comfortable; the budget holds the seven replicas they start with, so
 * the only way up for the busy pools is the batch pool's replicas.
 */
class BudgetEndToEndIT {

    private static final String NS = "budget-e2e";
    private static final int MAX = 4;
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final LoadModel.Params MODEL = new LoadModel.Params(20, 150, 20, 200);
    /** 8 GPUs x $2.00 x 1.05 a replica; the budget is seven of them. */
    private static final double REPLICA = 16.8;
    private static final double LIMIT = 7 * REPLICA;
    private static final Map<String, Integer> START = Map.of("realtime", 2, "chat", 2, "nightly", 3);

    @Test
    void theBatchPoolIsPreemptedForTheBusyPoolsAndTheSpendNeverPassesTheBudget() throws Exception {
        Map<String, Integer> firstPorts = new HashMap<>();
        List<PrometheusScrapeConfig.Target> targets = new ArrayList<>();
        for (String pool : START.keySet()) {
            int first = LoopbackPortRange.findFree(MAX);
            firstPorts.put(pool, first);
            for (int i = 0; i < MAX; i++) {
                targets.add(new PrometheusScrapeConfig.Target(URI.create("http://127.0.0.1:" + (first + i) + "/metrics"),
                        Map.of("namespace", NS, "pod", pool + "-" + i)));
            }
        }
        // 50 and 45 rps on two 20-rps replicas are over the 500ms TTFT SLO; 25 rps on three is 42% busy
        Map<String, Double> load = Map.of("realtime", 50.0, "chat", 45.0, "nightly", 25.0);
        List<AutoCloseable> started = new ArrayList<>();
        try (MockCluster cluster = new MockCluster(); PrometheusProcess prometheus = PrometheusProcess.start(targets)) {
            for (String pool : START.keySet()) {
                WorkerEmulator workers = WorkerEmulator.start(EmulatorSettings.defaults().withEngine(EmulatedEngine.VLLM)
                        .withReplicas(START.get(pool)).withArrivalRps(load.get(pool)).withFirstPort(firstPorts.get(pool))
                        .withColdStart(Duration.ofSeconds(1)).withModel(MODEL), Clock.systemUTC());
                started.add(workers);
                cluster.createDeployment(NS, pool, START.get(pool));
                started.add(follow(cluster, pool, workers));
            }
            budget(cluster);
            OperatorUnderTest operator = OperatorUnderTest.start(cluster, new PrometheusSignalReader(Clock.systemUTC()), Clock.systemUTC());
            started.add(operator);
            create(cluster, prometheus.url(), "realtime", PoolPriority.REALTIME);
            create(cluster, prometheus.url(), "chat", PoolPriority.INTERACTIVE);
            create(cluster, prometheus.url(), "nightly", PoolPriority.BATCH);

            await("the batch pool is preempted to its minimum").atMost(WAIT)
                    .until(() -> cluster.deploymentReplicas(NS, "nightly") == 1);
            // Neither busy pool may preempt the other (interactive is not preemptable), so which of them
            // takes the batch pool's two replicas depends on whose signals reach the operator first: on a
            // loaded machine that is sometimes chat twice. Each preemption must still name a busy pool.
            assertThat(await().atMost(WAIT).until(() -> cluster.events(NS, "Preempted"),
                    events -> events.stream().anyMatch(e -> e.getMessage().matches("(?s).*budget-e2e/(realtime|chat).*"))))
                    .allSatisfy(e -> {
                        assertThat(e.getInvolvedObject().getName()).isEqualTo("nightly");
                        assertThat(e.getMessage()).contains("budget team").containsAnyOf("budget-e2e/realtime", "budget-e2e/chat");
                    });
            await("the busy pools take the freed replicas").atMost(WAIT).until(() ->
                    cluster.deploymentReplicas(NS, "realtime") + cluster.deploymentReplicas(NS, "chat") == 6);

            assertThat(spendAfterEveryWrite(cluster.scale().scaleWrites())).allSatisfy(spend ->
                    assertThat(spend).as("$/h after a scale write").isLessThanOrEqualTo(LIMIT + 1e-9));
            InferenceBudgetStatus status = await().atMost(WAIT).ignoreExceptions().until(
                    () -> cluster.client().resources(InferenceBudget.class).withName("team").get().getStatus(),
                    s -> s != null && s.getPools().stream().allMatch(p -> p.getGranted().equals(p.getReplicas())));
            assertThat(status.getSpentPerHour()).isLessThanOrEqualTo(LIMIT);
            assertThat(status.getGpus()).isEqualTo(56);
            assertThat(status.getPoolCount()).isEqualTo(3);
            assertThat(status.getLastPreemptionTime()).isNotNull();
            assertThat(status.getPools()).filteredOn(p -> p.getName().equals("nightly"))
                    .singleElement().satisfies(p -> {
                        assertThat(p.getPriority()).isEqualTo("batch");
                        assertThat(p.getGranted()).isEqualTo(1);
                    });
            assertThat(status.getPools()).extracting(BudgetPoolStatus::getGranted).containsExactlyInAnyOrder(
                    cluster.deploymentReplicas(NS, "realtime"), cluster.deploymentReplicas(NS, "chat"), 1);
            Condition ready = status.getConditions().stream().filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow();
            assertThat(ready.getStatus()).isEqualTo("True");
            assertThat(status.getConditions()).anySatisfy(c -> assertThat(c.getType()).isEqualTo("OverCommitted"));
        } finally {
            for (int i = started.size() - 1; i >= 0; i--) {
                started.get(i).close();
            }
        }
    }

    /** Replays the recorded /scale writes from the starting replicas: what the three pools cost after each one. */
    private static List<Double> spendAfterEveryWrite(List<ScaleWriteRecorder.ScaleWrite> writes) {
        Map<String, Integer> replicas = new HashMap<>(START);
        Pattern path = Pattern.compile("/namespaces/" + NS + "/deployments/([a-z]+)/scale");
        Pattern body = Pattern.compile("\"replicas\"\\s*:\\s*(\\d+)");
        List<Double> spends = new ArrayList<>();
        for (ScaleWriteRecorder.ScaleWrite write : writes) {
            Matcher p = path.matcher(write.path());
            Matcher b = body.matcher(write.body());
            if (p.find() && b.find() && write.answeredWith() < 300) {
                replicas.put(p.group(1), Integer.parseInt(b.group(1)));
                spends.add(replicas.values().stream().mapToInt(Integer::intValue).sum() * REPLICA);
            }
        }
        assertThat(spends).as("scale writes in " + NS).isNotEmpty();
        return spends;
    }

    private static void budget(MockCluster cluster) {
        InferenceBudgetSpec spec = new InferenceBudgetSpec();
        spec.setMaxHourlyCost(LIMIT);
        InferenceBudget budget = new InferenceBudget();
        budget.setMetadata(new ObjectMetaBuilder().withName("team").build());
        budget.setSpec(spec);
        cluster.client().resource(budget).create();
    }

    private static void create(MockCluster cluster, URI prometheus, String name, PoolPriority priority) {
        InferencePool pool = TestPools.deploymentPool(NS, name, name, 1, MAX);
        pool.getSpec().setPriority(priority);
        pool.getSpec().getCooldown().setScaleUp("3s");
        pool.getSpec().getCooldown().setScaleDown("600s");
        pool.getSpec().getMetrics().getPrometheus().setUrl(prometheus.toString());
        pool.getSpec().getMetrics().setWindow("10s");
        cluster.client().resource(pool).create();
    }

    /** The emulated workers follow their Deployment's replicas, as its pods would. */
    private static AutoCloseable follow(MockCluster cluster, String name, WorkerEmulator workers) {
        SharedIndexInformer<Deployment> informer = cluster.client().apps().deployments().inNamespace(NS).withName(name)
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Deployment d) {
                        workers.setReplicas(d.getSpec().getReplicas());
                    }

                    @Override
                    public void onUpdate(Deployment before, Deployment after) {
                        workers.setReplicas(after.getSpec().getReplicas());
                    }

                    @Override
                    public void onDelete(Deployment d, boolean unknown) {
                        workers.setReplicas(0);
                    }
                });
        return informer::close;
    }
}
