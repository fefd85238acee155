package dev.tokenscale.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenscale.api.InferencePool;
import dev.tokenscale.api.InferencePoolStatus;
import dev.tokenscale.api.PoolMode;
import dev.tokenscale.policy.Signal;
import dev.tokenscale.signals.LabelMatcher;
import dev.tokenscale.signals.SignalRequest;
import dev.tokenscale.testing.ApiCall;
import dev.tokenscale.testing.DeployRbac;
import dev.tokenscale.testing.FakeSignalReader;
import dev.tokenscale.testing.MockCluster;
import dev.tokenscale.testing.MutableClock;
import dev.tokenscale.testing.OperatorUnderTest;
import dev.tokenscale.testing.TestPools;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Targets and their pods come from informers: a pool evaluated every 10 minutes sees a manual
 * scale of its target, or a deleted pod, at once; and once the caches hold them, its evaluations
 * neither read /scale, nor the workload, nor list its pods.
 */
class WorkloadInformerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String NS = "informed";

    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private final FakeSignalReader signals = new FakeSignalReader(clock);
    private MockCluster cluster;
    private OperatorUnderTest operator;
    private static final ResourceDefinitionContext LWS = new ResourceDefinitionContext.Builder()
            .withGroup("leaderworkerset.x-k8s.io").withVersion("v1").withKind("LeaderWorkerSet").withPlural("leaderworkersets")
            .withNamespaced(true).build();

    @Test
    void aDeploymentScaledByHandIsEvaluatedAtOnceFromTheCacheLongBeforeItsInterval() {
        assertHandScaleIsSeen("Deployment", "deployments", cluster -> cluster.createDeployment(NS, "llama", 2),
                (cluster, replicas) -> cluster.client().apps().deployments().inNamespace(NS).withName("llama")
                        .edit(d -> { d.getSpec().setReplicas(replicas); return d; }));
    }

    @Test
    void aStatefulSetScaledByHandIsEvaluatedAtOnceFromTheCacheLongBeforeItsInterval() {
        assertHandScaleIsSeen("StatefulSet", "statefulsets", cluster -> cluster.createStatefulSet(NS, "llama", 2),
                (cluster, replicas) -> cluster.client().apps().statefulSets().inNamespace(NS).withName("llama")
                        .edit(s -> { s.getSpec().setReplicas(replicas); return s; }));
    }

    @Test
    void aDeletedPodStopsBeingNamedInThePoolsSeriesSelectionAtOnce() {
        start();
        cluster.createDeployment(NS, "llama", 3);
        cluster.client().resource(slowPool("Deployment")).create();
        awaitStatus(cluster, s -> s.getReadyReplicas() != null && s.getReadyReplicas() == 3);
        awaitWatching(cluster, "pods");
        // A first evaluation may have listed the pods while the fake controller was still creating them.
        await().atMost(WAIT).until(() -> podSelection(latest(signals)), p -> p.contains("llama-2"));
        assertThat(podSelection(latest(signals))).contains("llama-0", "llama-1", "llama-2");

        // The fake workload controller does not replace it, so only the pod's own event can tell the operator;
        // the pool's next evaluation by its interval is 10 minutes away.
        cluster.client().pods().inNamespace(NS).withName("llama-2").delete();

        SignalRequest next = await().atMost(WAIT).until(() -> latest(signals),
                r -> !podSelection(r).contains("llama-2"));
        assertThat(podSelection(next)).as("the per-pod selection of the evaluation the deletion caused")
                .contains("llama-0", "llama-1");
        assertThat(next.readyPods()).containsExactly("llama-0", "llama-1");
    }

    @Test
    void aSteadyPoolMakesNoReadsOfItsTargetOrPodsOnceTheCachesHoldThem() {
        start();
        cluster.createDeployment(NS, "llama", 2);
        cluster.client().resource(TestPools.deploymentPool(NS, "pool", "llama", 1, 5)).create();
        awaitStatus(cluster, s -> s.getReadyReplicas() != null && s.getReadyReplicas() == 2);
        awaitWatching(cluster, "deployments");
        awaitWatching(cluster, "pods");
        // The evaluation that was running while the informers started may still read through the API.
        int warm = signals.requests(NS, "pool").size();
        await().atMost(WAIT).until(() -> signals.requests(NS, "pool").size() >= warm + 1);
        int from = cluster.audit().calls().size();
        int before = signals.requests(NS, "pool").size();

        await().atMost(WAIT).until(() -> signals.requests(NS, "pool").size() >= before + 3);

        List<ApiCall> calls = cluster.audit().calls();
        List<ApiCall> reads = calls.subList(from, calls.size()).stream()
                .filter(c -> c.verb().equals("get") || c.verb().equals("list"))
                .filter(c -> c.isResourceRequest() && List.of("deployments", "deployments/scale", "pods").contains(c.resource()))
                .toList();
        System.out.println("WorkloadInformerTest steady state: " + (signals.requests(NS, "pool").size() - before)
                + " evaluations, operator requests by grant: " + byGrant(calls.subList(from, calls.size())));
        assertThat(reads).as("reads of the target, its /scale or its pods over three evaluations").isEmpty();
    }

    @Test
    void aLeaderWorkerSetIsCachedByTheScalePathsOfItsCrdAndAHandScaleIsSeenAtOnce() {
        start();
        cluster.client().apiextensions().v1().customResourceDefinitions().resource(leaderWorkerSetCrd()).create();
        var sets = cluster.client().genericKubernetesResources(LWS);
        sets.inNamespace(NS).resource(new GenericKubernetesResourceBuilder().withApiVersion("leaderworkerset.x-k8s.io/v1")
                .withKind("LeaderWorkerSet").withNewMetadata().withName("llama").withNamespace(NS).endMetadata()
                .addToAdditionalProperties("spec", Map.of("replicas", 2, "leaderWorkerTemplate", Map.of("size", 4)))
                .build()).create();
        // Only the group leaders (worker index 0) are what /scale's selector names, as the LWS controller writes it.
        String selector = "leaderworkerset.sigs.k8s.io/name=llama,leaderworkerset.sigs.k8s.io/worker-index=0";
        sets.inNamespace(NS).withName("llama").subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"status\":{\"replicas\":2,\"readyReplicas\":2,\"hpaPodSelector\":\"" + selector + "\"}}");
        for (int group = 0; group < 2; group++) {
            for (int worker = 0; worker < 2; worker++) {
                cluster.client().pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata()
                        .withName("llama-" + group + (worker == 0 ? "" : "-" + worker)).withNamespace(NS)
                        .addToLabels("leaderworkerset.sigs.k8s.io/name", "llama")
                        .addToLabels("leaderworkerset.sigs.k8s.io/worker-index", String.valueOf(worker)).endMetadata()
                        .withNewSpec().addNewContainer().withName("sglang").withImage("lmsysorg/sglang").endContainer().endSpec()
                        .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
                        .build()).create();
            }
        }
        cluster.client().resource(slowPool("leaderworkerset.x-k8s.io/v1", "LeaderWorkerSet")).create();
        awaitStatus(cluster, s -> s.getReadyReplicas() != null && s.getReadyReplicas() == 2);
        awaitWatching(cluster, "leaderworkersets");
        awaitWatching(cluster, "pods");
        await().atMost(WAIT).until(() -> podSelection(latest(signals)), pods -> pods.contains("llama-1"));
        assertThat(podSelection(latest(signals))).as("leaders only").doesNotContain("llama-0-1");
        int evaluationsBefore = signals.requests(NS, "pool").size();
        int from = cluster.audit().calls().size();

        clock.advance(Duration.ofSeconds(1));
        sets.inNamespace(NS).withName("llama").patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":3}}");

        awaitStatus(cluster, s -> s.getReplicas() == 3);
        assertThat(signals.requests(NS, "pool").size()).isGreaterThan(evaluationsBefore);
        List<ApiCall> calls = cluster.audit().calls();
        assertThat(calls).extracting(ApiCall::grant).as("the scale paths come from the CRD")
                .contains("apiextensions.k8s.io/customresourcedefinitions:get");
        assertThat(calls.subList(from, calls.size())).as("reads of the LeaderWorkerSet, its /scale or its pods")
                .filteredOn(c -> c.verb().equals("get") || c.verb().equals("list"))
                .filteredOn(c -> c.isResourceRequest() && List.of("leaderworkersets", "leaderworkersets/scale", "pods").contains(c.resource()))
                .isEmpty();
    }

    @Test
    void aScaleWriteFromTheCacheCarriesTheCachedResourceVersionWithoutReadingScaleFirst() {
        start();
        signals.pool(NS, "pool").set(Signal.TTFT_P99_MS, 900);
        cluster.createDeployment(NS, "llama", 2);
        cluster.client().resource(TestPools.deploymentPool(NS, "pool", "llama", 1, 5)).create();
        awaitStatus(cluster, s -> s.getDesiredReplicas() != null && s.getDesiredReplicas() == 3);
        awaitWatching(cluster, "deployments");
        awaitWatching(cluster, "pods");
        int from = cluster.audit().calls().size();

        clock.advance(Duration.ofSeconds(61));

        awaitStatus(cluster, s -> s.getDesiredReplicas() == 4);
        assertThat(cluster.deploymentReplicas(NS, "llama")).isEqualTo(4);
        List<ApiCall> calls = cluster.audit().calls().subList(from, cluster.audit().calls().size());
        assertThat(calls).extracting(ApiCall::grant).as("the write after the cooldown")
                .contains("apps/deployments/scale:patch")
                .doesNotContain("apps/deployments/scale:get", "apps/deployments:get", "/pods:list");
    }

    @Test
    void withNamespacesTheInformersListAndWatchOnlyThoseNamespaces() {
        signals.pool(NS, "pool").healthy();
        cluster = new MockCluster();
        operator = OperatorUnderTest.start(cluster, signals, clock, new OperatorOptions(URI.create("http://127.0.0.1:9"),
                Set.of(NS), false, null, "operator-under-test", Duration.ofMinutes(5)));
        cluster.createDeployment("elsewhere", "other", 1);
        cluster.createDeployment(NS, "llama", 2);
        cluster.client().resource(slowPool("Deployment")).create();
        awaitStatus(cluster, s -> s.getReadyReplicas() != null && s.getReadyReplicas() == 2);
        awaitWatching(cluster, "deployments");
        awaitWatching(cluster, "pods");

        assertThat(cluster.audit().calls()).as("the lists and watches of targets and pods")
                .filteredOn(c -> c.isResourceRequest() && List.of("deployments", "pods").contains(c.resource()))
                .filteredOn(c -> List.of("list", "watch").contains(c.verb()))
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.namespace()).isEqualTo(NS));
    }

    @Test
    void withoutWatchOnPodsThePodsAreListedAsBeforeAndTheOperatorStaysReady() {
        start(DeployRbac.load().withoutVerb("", "pods", "watch"));
        cluster.audit().expectDenials();
        cluster.createDeployment(NS, "llama", 2);
        cluster.client().resource(TestPools.deploymentPool(NS, "pool", "llama", 1, 5)).create();
        awaitStatus(cluster, s -> s.getReadyReplicas() != null && s.getReadyReplicas() == 2);
        await().atMost(WAIT).until(() -> cluster.audit().denials().stream()
                .anyMatch(d -> "pods".equals(d.call().resource()) && "watch".equals(d.call().verb())));

        // Past JOSDK's wait for the informer's first sync, which the refused watch never completes.
        await().pollDelay(TokenscaleOperator.CACHE_SYNC_TIMEOUT.plusSeconds(2)).atMost(WAIT)
                .until(() -> operator.operator().isReady());
        int from = cluster.audit().calls().size();
        int before = signals.requests(NS, "pool").size();
        await().atMost(WAIT).until(() -> signals.requests(NS, "pool").size() >= before + 2);

        assertThat(operator.operator().readiness().message()).isEqualTo("ok");
        assertThat(podSelection(latest(signals))).contains("llama-0", "llama-1");
        List<ApiCall> calls = cluster.audit().calls();
        assertThat(calls.subList(from, calls.size())).as("the pods, listed by the evaluations")
                .anyMatch(c -> "pods".equals(c.resource()) && "list".equals(c.verb()) && NS.equals(c.namespace()));
    }

    private void assertHandScaleIsSeen(String kind, String resource, Consumer<MockCluster> create,
            BiConsumer<MockCluster, Integer> scaleByHand) {
        start();
        create.accept(cluster);
        cluster.client().resource(slowPool(kind)).create();
        awaitStatus(cluster, s -> s.getReadyReplicas() != null && s.getReadyReplicas() == 2);
        awaitWatching(cluster, resource);
        awaitWatching(cluster, "pods");
        Instant settled = clock.instant();
        int evaluationsBefore = signals.requests(NS, "pool").size();
        int from = cluster.audit().calls().size();

        clock.advance(Duration.ofSeconds(1));
        scaleByHand.accept(cluster, 4);

        InferencePoolStatus seen = awaitStatus(cluster, s -> s.getReplicas() == 4 && s.getReadyReplicas() == 4);
        assertThat(seen.getReplicas()).isEqualTo(4);
        // The metric follows the status write.
        await().atMost(WAIT).until(() -> operator.lastEvaluation(NS, "pool").filter(t -> t.isAfter(settled)).isPresent());
        assertThat(signals.requests(NS, "pool").size()).isGreaterThan(evaluationsBefore);
        List<ApiCall> calls = cluster.audit().calls();
        assertThat(calls.subList(from, calls.size())).as("reads of the target, its /scale or its pods")
                .filteredOn(c -> c.verb().equals("get") || c.verb().equals("list"))
                .filteredOn(c -> c.isResourceRequest() && List.of(resource, resource + "/scale", "pods").contains(c.resource()))
                .isEmpty();
    }

    /** The operator on a fresh mock cluster held to deploy/'s RBAC, or to the given one. */
    private void start(DeployRbac... rbac) {
        signals.pool(NS, "pool").healthy();
        cluster = rbac.length == 0 ? new MockCluster() : new MockCluster(rbac[0]);
        operator = OperatorUnderTest.start(cluster, signals, clock);
    }

    @AfterEach
    void stop() {
        if (operator != null) {
            operator.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Recommend mode, evaluated every 10 minutes: any evaluation within the test's seconds was caused by an event. */
    private static InferencePool slowPool(String kind) {
        return slowPool("apps/v1", kind);
    }

    private static InferencePool slowPool(String apiVersion, String kind) {
        InferencePool pool = TestPools.pool(NS, "pool", apiVersion, kind, "llama", 1, 8);
        pool.getSpec().setMode(PoolMode.RECOMMEND);
        pool.getSpec().setEvaluationInterval("10m");
        return pool;
    }

    /** The informer lists before it watches, so a watch means its cache is filled. */
    private static void awaitWatching(MockCluster cluster, String resource) {
        await().atMost(WAIT).until(() -> cluster.audit().calls().stream()
                .anyMatch(c -> resource.equals(c.resource()) && c.verb().equals("watch")));
    }

    /** LeaderWorkerSet's CRD as far as the operator reads it: served version, names and the scale subresource's paths. */
    private static CustomResourceDefinition leaderWorkerSetCrd() {
        return new CustomResourceDefinitionBuilder().withNewMetadata().withName("leaderworkersets.leaderworkerset.x-k8s.io").endMetadata()
                .withNewSpec().withGroup("leaderworkerset.x-k8s.io").withScope("Namespaced")
                    .withNewNames().withKind("LeaderWorkerSet").withPlural("leaderworkersets").withSingular("leaderworkerset").endNames()
                    .addNewVersion().withName("v1").withServed(true).withStorage(true)
                        .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
                        .endOpenAPIV3Schema().endSchema()
                        .withNewSubresources().withNewStatus().endStatus()
                            .withNewScale().withSpecReplicasPath(".spec.replicas").withStatusReplicasPath(".status.replicas")
                            .withLabelSelectorPath(".status.hpaPodSelector").endScale()
                        .endSubresources()
                    .endVersion()
                .endSpec().build();
    }

    private static SignalRequest latest(FakeSignalReader signals) {
        List<SignalRequest> requests = signals.requests(NS, "pool");
        return requests.isEmpty() ? null : requests.get(requests.size() - 1);
    }

    private static String podSelection(SignalRequest request) {
        return request == null ? "" : request.matchers().stream().filter(m -> m.label().equals("pod"))
                .map(LabelMatcher::value).findFirst().orElse("");
    }

    private static Map<String, Long> byGrant(List<ApiCall> calls) {
        return calls.stream().collect(Collectors.groupingBy(ApiCall::grant, TreeMap::new, Collectors.counting()));
    }

    private static InferencePoolStatus awaitStatus(MockCluster cluster, Predicate<InferencePoolStatus> condition) {
        return await().atMost(WAIT).ignoreExceptions()
                .until(() -> cluster.pool(NS, "pool").getStatus(), s -> s != null && condition.test(s));
    }
}
