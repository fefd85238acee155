package dev.tokenscale.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.tokenscale.api.InferencePool;
import dev.tokenscale.api.LearnedStatus;
import dev.tokenscale.api.ScalingPolicyType;
import dev.tokenscale.api.ScalingSpec;
import dev.tokenscale.cli.demo.LoopbackPortRange;
import dev.tokenscale.signals.PrometheusSignalReader;
import dev.tokenscale.sim.EmulatedEngine;
import dev.tokenscale.sim.EmulatorSettings;
import dev.tokenscale.sim.LoadModel;
import dev.tokenscale.sim.PrometheusScrapeConfig;
import dev.tokenscale.sim.WorkerEmulator;
import dev.tokenscale.testing.FakeWorkloadController;
import dev.tokenscale.testing.MockCluster;
import dev.tokenscale.testing.OperatorUnderTest;
import dev.tokenscale.testing.PrometheusProcess;
import dev.tokenscale.testing.ScaleWriteRecorder;
import dev.tokenscale.testing.TestPools;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Adaptive policy end to end (pods llama-0.. from {@link FakeWorkloadController}, worker i serving pod i's metrics): the real operator on the mock API server reads a real Prometheus
 * that scrapes emulated vLLM workers (20 rps a replica). It learns the capacity into status, keeps
 * it across a restart, and meets a load three times higher with one /scale write to the desired
 * count. The load steps while the operator is down, so the step is seen whole: Prometheus' rate
 * window fills with the new load first, as it would for an operator that evaluates less often than
 * its window.
 */
class AdaptiveScalingIT {

    private static final String NS = "adaptive";
    private static final int MAX_REPLICAS = 8;
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final LoadModel.Params MODEL = new LoadModel.Params(20, 150, 20, 200);

    @Test
    void learnsCapacityKeepsItAcrossARestartAndMeetsATripledLoadInOneWrite() throws Exception {
        int firstPort = LoopbackPortRange.findFree(MAX_REPLICAS);
        List<PrometheusScrapeConfig.Target> targets = new ArrayList<>();
        for (int i = 0; i < MAX_REPLICAS; i++) {
            targets.add(new PrometheusScrapeConfig.Target(URI.create("http://127.0.0.1:" + (firstPort + i) + "/metrics"),
                    Map.of("namespace", NS, "pod", "llama-" + i)));
        }
        // Two replicas at 20 rps: 50% busy, so each sample reads 20 / 2 / 0.5 = 20 rps a replica.
        EmulatorSettings settings = EmulatorSettings.defaults().withEngine(EmulatedEngine.VLLM).withReplicas(2)
                .withArrivalRps(20).withFirstPort(firstPort).withColdStart(Duration.ofSeconds(2)).withModel(MODEL);
        try (MockCluster cluster = new MockCluster();
                WorkerEmulator workers = WorkerEmulator.start(settings, Clock.systemUTC());
                PrometheusProcess prometheus = PrometheusProcess.start(targets);
                SharedIndexInformer<Deployment> follower = followReplicas(cluster, workers);
                FakeWorkloadController controller = new FakeWorkloadController(cluster.client())) {
            cluster.createDeployment(NS, "llama", 2);
            cluster.client().resource(pool()).create();
            OperatorOptions options = new OperatorOptions(prometheus.url(), Set.of(NS), false, null, "adaptive-it",
                    Duration.ofMinutes(5));

            try (OperatorUnderTest first = OperatorUnderTest.start(cluster, new PrometheusSignalReader(Clock.systemUTC()),
                    Clock.systemUTC(), options)) {
                await("ten capacity samples in status.learned").atMost(WAIT).ignoreExceptions()
                        .until(() -> cluster.pool(NS, "pool").getStatus().getLearned().getSamples() >= 10);
            }
            LearnedStatus learned = cluster.pool(NS, "pool").getStatus().getLearned();
            assertThat(learned.getCapacityRequestsPerSecond()).isCloseTo(20, within(3.0));
            assertThat(learned.getRecentSamples()).isNotEmpty();
            assertThat(learned.getUpdatedTime()).isNotBlank();
            assertThat(cluster.pool(NS, "pool").getStatus().getSignals().getRequestsPerSecond()).isCloseTo(20, within(3.0));
            assertThat(cluster.deploymentReplicas(NS, "llama")).as("20 rps needs ceil(20 / 14) = 2").isEqualTo(2);

            workers.setArrivalRps(60);
            String demand = "clamp_min(sum(rate(vllm:time_to_first_token_seconds_count{namespace=\"" + NS + "\"}[10s]))"
                    + " + sum(deriv(vllm:num_requests_waiting{namespace=\"" + NS + "\"}[10s])), 0)";
            await("Prometheus' window holds only the tripled load").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                    .until(() -> prometheus.queryValue(demand).filter(rps -> Math.abs(rps - 60) < 4).isPresent());
            int writesBefore = cluster.scale().scaleWrites().size();

            try (OperatorUnderTest restarted = OperatorUnderTest.start(cluster, new PrometheusSignalReader(Clock.systemUTC()),
                    Clock.systemUTC(), options)) {
                // 60 rps (+ the small queue drained over a minute) / (20 x 70%) = 4.3 -> 5 with the learned figure;
                // without it, utilization pinned at 100% on 2 replicas would only ask for ceil(2 x 100 / 70) = 3.
                await("the restarted operator sizes the pool for 60 rps").atMost(WAIT)
                        .until(() -> cluster.deploymentReplicas(NS, "llama") == 5);
                await("the new replicas serve and are evaluated").atMost(WAIT).ignoreExceptions()
                        .until(() -> cluster.pool(NS, "pool").getStatus().getReadyReplicas() == 5
                                && cluster.pool(NS, "pool").getStatus().getLastDecision().getReason().equals("within_target"));
                assertThat(restarted.dataPoints("tokenscale_pool_capacity_requests_per_second", NS, "pool"))
                        .anySatisfy(point -> assertThat(point.getLabels().get("source")).isEqualTo("learned"));
            }
            List<ScaleWriteRecorder.ScaleWrite> writes = cluster.scale().scaleWrites();
            assertThat(writes.subList(writesBefore, writes.size())).as("one write from 2 straight to 5, not one a step")
                    .singleElement().satisfies(write -> assertThat(write.body()).contains("\"replicas\":5"));
            assertThat(cluster.pool(NS, "pool").getStatus().getLearned().getSamples())
                    .as("the samples learned before the restart are still counted").isGreaterThanOrEqualTo(learned.getSamples());
        }
    }

    private static InferencePool pool() {
        InferencePool pool = TestPools.deploymentPool(NS, "pool", "llama", 1, MAX_REPLICAS);
        ScalingSpec scaling = new ScalingSpec();
        scaling.setPolicy(ScalingPolicyType.ADAPTIVE);
        pool.getSpec().setScaling(scaling);
        pool.getSpec().getMetrics().setPrometheus(null);
        pool.getSpec().getMetrics().setWindow("10s");
        return pool;
    }

    /** The emulated workers follow the Deployment's replicas, as its pods would. */
    private static SharedIndexInformer<Deployment> followReplicas(MockCluster cluster, WorkerEmulator workers) {
        return cluster.client().apps().deployments().inNamespace(NS).withName("llama").inform(new ResourceEventHandler<>() {
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
    }
}
