package dev.tokenscale.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenscale.api.InferencePool;
import dev.tokenscale.api.InferencePoolStatus;
import dev.tokenscale.api.ScalingSpec;
import dev.tokenscale.policy.Signal;
import dev.tokenscale.testing.DeployRbac;
import dev.tokenscale.testing.MockCluster;
import dev.tokenscale.testing.OneOperatorPerClass;
import dev.tokenscale.testing.OperatorUnderTest;
import dev.tokenscale.testing.ScaleWriteRecorder.ScaleWrite;
import dev.tokenscale.testing.TestPools;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Drain-aware scale-down and the coverage quorum on the mock API server with the real operator: the
 * fake workload controller removes a Deployment's pods by pod-deletion-cost as a ReplicaSet does, and
 * every pod patch and /scale write is recorded in arrival order.
 */
class DrainAwareScaleDownTest extends OneOperatorPerClass {

    private static final Duration WAIT = Duration.ofSeconds(20);

    DrainAwareScaleDownTest() {
        super("drain");
    }

    @Test
    void aScaleDownMarksOnlyTheIdlestPodAndDoesSoBeforeTheScaleWrite() {
        deploymentWithPods(4);
        signals.pool(ns, "pool").healthy().set(Signal.UTILIZATION_PERCENT, 10)
                .running("llama-0", 5).running("llama-1", 0).running("llama-2", 3).running("llama-3", 4);
        create(TestPools.deploymentPool(ns, "pool", "llama", 1, 5));

        awaitStatus(s -> s.getDesiredReplicas() != null && s.getDesiredReplicas() == 3);

        List<ScaleWrite> writes = writesIn(ns);
        int scale = indexOfFirst(writes, ScaleWrite::isScale);
        assertThat(writes.subList(0, scale)).as("the idlest pod is marked before /scale is patched, and no other pod")
                .singleElement().satisfies(w -> {
                    assertThat(w.pod()).isEqualTo("llama-1");
                    assertThat(w.body()).contains("\"controller.kubernetes.io/pod-deletion-cost\":\"-2147483648\"")
                            .contains("\"tokenscale.dev/deletion-cost-by\":\"pool\"");
                });
        await("the ReplicaSet stand-in removes the marked pod").atMost(WAIT)
                .until(() -> podNames(), names -> names.equals(List.of("llama-0", "llama-2", "llama-3")));
        assertThat(pods()).allSatisfy(p -> assertThat(annotations(p)).isEmpty());
        assertThat(await().atMost(WAIT).until(() -> cluster.events(ns, "ScaledDown"), e -> !e.isEmpty())).singleElement()
                .satisfies(e -> assertThat(e.getMessage()).contains("Expected to go, as the idlest: llama-1 (0 running requests)."));
        assertThat(cluster.audit().recorded()).filteredOn(r -> ns.equals(r.call().namespace()) && r.call().grant().equals("/pods:patch"))
                .as("the pod patch is granted by deploy/'s RBAC").singleElement()
                .satisfies(r -> assertThat(r.denial()).isEmpty());
        cluster.audit().assertNoUnexpectedDenials();
    }

    @Test
    void aMarkLeftOnAPodThatStayedIsRemovedAtTheNextEvaluationAndAUsersOwnCostIsLeftAlone() {
        deploymentWithPods(3);
        // As if the ReplicaSet had removed another pod than the one marked (say, one that was not ready).
        annotate("llama-1", Map.of("controller.kubernetes.io/pod-deletion-cost", "-2147483648", "tokenscale.dev/deletion-cost-by", "pool"));
        annotate("llama-2", Map.of("controller.kubernetes.io/pod-deletion-cost", "500"));
        signals.pool(ns, "pool").healthy().running("llama-0", 1).running("llama-1", 1).running("llama-2", 1);
        create(TestPools.deploymentPool(ns, "pool", "llama", 1, 5));

        await("the left-over mark is removed").atMost(WAIT)
                .until(() -> annotations(cluster.client().pods().inNamespace(ns).withName("llama-1").get()).isEmpty());

        assertThat(annotations(cluster.client().pods().inNamespace(ns).withName("llama-2").get()))
                .containsExactly(Map.entry("controller.kubernetes.io/pod-deletion-cost", "500"));
        assertThat(cluster.audit().calls()).filteredOn(c -> ns.equals(c.namespace()) && c.grant().equals("/pods:patch"))
                .as("the operator patched only the pod with its mark").extracting(c -> c.name()).containsOnly("llama-1");
    }

    @Test
    void withoutThePatchVerbOnPodsTheOperatorStillScalesDownAndSaysWhyItCouldNotChoose() {
        try (MockCluster refusing = new MockCluster(DeployRbac.load().withoutVerb("", "pods", "patch"));
                OperatorUnderTest scaler = OperatorUnderTest.start(refusing, signals, clock)) {
            refusing.audit().expectDenials();
            refusing.createDeployment(ns, "llama", 3);
            await().atMost(WAIT).until(() -> refusing.client().pods().inNamespace(ns).list().getItems().size() == 3);
            signals.pool(ns, "pool").healthy().set(Signal.UTILIZATION_PERCENT, 10).running("llama-0", 0).running("llama-1", 2)
                    .running("llama-2", 2);
            refusing.client().resource(TestPools.deploymentPool(ns, "pool", "llama", 1, 5)).create();

            InferencePoolStatus status = await().atMost(WAIT).ignoreExceptions().until(() -> refusing.pool(ns, "pool").getStatus(),
                    s -> s != null && s.getDesiredReplicas() != null && s.getDesiredReplicas() == 2);

            assertThat(refusing.deploymentReplicas(ns, "llama")).isEqualTo(2);
            assertThat(refusing.audit().denials()).isNotEmpty()
                    .allSatisfy(d -> assertThat(d.call().grant()).isEqualTo("/pods:patch"));
            assertThat(condition(status, "Ready").getStatus()).isEqualTo("True");
            assertThat(condition(status, "ScalingActive").getMessage()).contains("without choosing which pod goes", "forbidden",
                    "patch verb on pods", "drainAware: false");
            assertThat(await().atMost(WAIT).until(() -> refusing.events(ns, "PodsNotMarked"), e -> !e.isEmpty())).first()
                    .satisfies(e -> {
                        assertThat(e.getType()).isEqualTo("Warning");
                        assertThat(e.getMessage()).contains("Scaling goes on", "llama-0", "forbidden");
                    });
        }
    }

    @Test
    void aStatefulSetIsNeverAnnotatedAndTheEventNamesTheHighestOrdinal() {
        cluster.createStatefulSet(ns, "sglang", 3);
        await().atMost(WAIT).until(() -> pods().size() == 3);
        signals.pool(ns, "pool").healthy().set(Signal.UTILIZATION_PERCENT, 10).running("sglang-2", 9).running("sglang-0", 0);
        create(TestPools.pool(ns, "pool", "apps/v1", "StatefulSet", "sglang", 1, 5));

        awaitStatus(s -> s.getDesiredReplicas() != null && s.getDesiredReplicas() == 2);

        assertThat(await().atMost(WAIT).until(() -> cluster.events(ns, "ScaledDown"), e -> !e.isEmpty())).singleElement()
                .satisfies(e -> assertThat(e.getMessage()).contains("removes its highest ordinals whatever any annotation says: sglang-2."));
        assertThat(writesIn(ns)).noneMatch(w -> w.pod() != null);
    }

    @Test
    void drainAwareOffTouchesNoPod() {
        deploymentWithPods(3);
        signals.pool(ns, "pool").healthy().set(Signal.UTILIZATION_PERCENT, 10).running("llama-0", 0);
        InferencePool pool = TestPools.deploymentPool(ns, "pool", "llama", 1, 5);
        ScalingSpec scaling = new ScalingSpec();
        scaling.setDrainAware(false);
        pool.getSpec().setScaling(scaling);
        create(pool);

        awaitStatus(s -> s.getDesiredReplicas() != null && s.getDesiredReplicas() == 2);

        assertThat(writesIn(ns)).noneMatch(w -> w.pod() != null);
        assertThat(await().atMost(WAIT).until(() -> cluster.events(ns, "ScaledDown"), e -> !e.isEmpty())).singleElement()
                .satisfies(e -> assertThat(e.getMessage()).contains("drainAware is false"));
    }

    @Test
    void aPodOutsideTheTargetsSelectorIsNeverTouchedEvenWithAMarkOnIt() {
        cluster.client().pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName("stranger")
                .addToLabels("app", "other")
                .addToAnnotations("controller.kubernetes.io/pod-deletion-cost", "-2147483648")
                .addToAnnotations("tokenscale.dev/deletion-cost-by", "pool").endMetadata()
                .withNewSpec().addNewContainer().withName("x").withImage("x").endContainer().endSpec().build()).create();
        deploymentWithPods(4);
        signals.pool(ns, "pool").healthy().set(Signal.UTILIZATION_PERCENT, 10).running("llama-2", 0);
        create(TestPools.deploymentPool(ns, "pool", "llama", 1, 5));

        awaitStatus(s -> s.getDesiredReplicas() != null && s.getDesiredReplicas() == 3);
        awaitStatus(s -> "cooldown".equals(s.getLastDecision().getReason()));

        assertThat(writesIn(ns)).extracting(ScaleWrite::pod).doesNotContain("stranger");
        assertThat(annotations(cluster.client().pods().inNamespace(ns).withName("stranger").get()))
                .containsEntry("tokenscale.dev/deletion-cost-by", "pool");
    }

    @Test
    void belowTheQuorumAScaleDownIsHeldNamingTheSilentPodWhileAnSloBreachStillScalesUp() {
        deploymentWithPods(4);
        signals.pool(ns, "pool").healthy().set(Signal.UTILIZATION_PERCENT, 10)
                .running("llama-0", 1).running("llama-1", 1).running("llama-2", 1).silent("llama-3");
        create(TestPools.deploymentPool(ns, "pool", "llama", 1, 5));

        InferencePoolStatus held = awaitStatus(s -> s.getLastDecision() != null && "low_coverage".equals(s.getLastDecision().getReason()));

        assertThat(held.getLastDecision().getMessage()).contains("3 of 4 ready pods", "silent: llama-3");
        assertThat(held.getSignals().getCoveragePercent()).isEqualTo(75.0);
        assertThat(held.getSignals().getSilentPods()).containsExactly("llama-3");
        assertThat(condition(held, "MetricsAvailable").getStatus()).isEqualTo("True");
        assertThat(condition(held, "MetricsAvailable").getReason()).isEqualTo("PartialCoverage");
        assertThat(condition(held, "MetricsAvailable").getMessage()).contains("silent: llama-3");
        assertThat(cluster.deploymentReplicas(ns, "llama")).isEqualTo(4);
        // The evaluation records its metrics just after its status write, which the test may see first.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(operator.dataPoints("tokenscale_pool_coverage_percent", ns, "pool"))
                .singleElement()
                .satisfies(p -> assertThat(((io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot) p).getValue())
                        .isEqualTo(75.0)));

        signals.pool(ns, "pool").set(Signal.TTFT_P99_MS, 900);

        awaitStatus(s -> s.getDesiredReplicas() != null && s.getDesiredReplicas() == 5);
        assertThat(cluster.deploymentReplicas(ns, "llama")).isEqualTo(5);
    }

    private void deploymentWithPods(int replicas) {
        cluster.createDeployment(ns, "llama", replicas);
        await().atMost(WAIT).until(() -> pods().size() == replicas);
    }

    private void annotate(String pod, Map<String, String> annotations) {
        cluster.client().pods().inNamespace(ns).withName(pod).edit(p -> {
            p.getMetadata().setAnnotations(new java.util.HashMap<>(annotations));
            return p;
        });
    }

    private List<Pod> pods() {
        return cluster.client().pods().inNamespace(ns).withLabel("app").list().getItems().stream()
                .filter(p -> !"stranger".equals(p.getMetadata().getName()))
                .toList();
    }

    private List<String> podNames() {
        return pods().stream().map(p -> p.getMetadata().getName()).sorted().toList();
    }

    private static Map<String, String> annotations(Pod pod) {
        return pod.getMetadata().getAnnotations() == null ? Map.of() : pod.getMetadata().getAnnotations();
    }

    private List<ScaleWrite> writesIn(String namespace) {
        return cluster.scale().writes().stream().filter(w -> w.path().contains("/namespaces/" + namespace + "/")).toList();
    }

    private static int indexOfFirst(List<ScaleWrite> writes, Predicate<ScaleWrite> which) {
        for (int i = 0; i < writes.size(); i++) {
            if (which.test(writes.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no such write in " + writes);
    }

    private InferencePool create(InferencePool pool) {
        return cluster.client().resource(pool).create();
    }

    private InferencePoolStatus awaitStatus(Predicate<InferencePoolStatus> condition) {
        return await().atMost(WAIT).ignoreExceptions()
                .until(() -> cluster.pool(ns, "pool").getStatus(), s -> s != null && condition.test(s));
    }

    private static Condition condition(InferencePoolStatus status, String type) {
        return status.getConditions() == null ? null
                : status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }
}
