package dev.tokenscale.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenscale.api.InferencePool;
import dev.tokenscale.testing.ApiCall;
import dev.tokenscale.testing.DeployRbac;
import dev.tokenscale.testing.FakeSignalReader;
import dev.tokenscale.testing.MockCluster;
import dev.tokenscale.testing.MutableClock;
import dev.tokenscale.testing.OperatorUnderTest;
import dev.tokenscale.testing.RbacAudit;
import dev.tokenscale.testing.TestPools;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The life of the workload and pod informers on the mock API server: a slow first list is waited
 * for, not mistaken for a refusal; a refused one is dropped and tried again on the operator's clock,
 * so a permission granted later heals it without a restart; and a namespace's informers go with its
 * last pool.
 */
class InformerLifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final String NS = "lifecycle";
    private static final String OTHER_NS = "lifecycle-other";
    private static final String PODS = "Pod@" + NS;
    private static final String DEPLOYMENTS = "apps/v1/Deployment@*";
    private static final String POD_COLLECTION = "/api/v1/namespaces/" + NS + "/pods";

    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private final FakeSignalReader signals = new FakeSignalReader(clock);
    private MockCluster cluster;
    private OperatorUnderTest operator;

    @Test
    void aFirstListSlowerThanTheCacheSyncWaitKeepsItsInformerAndThePoolReadsTheCacheOnceItHasListed() {
        cluster = new MockCluster();
        cluster.slowLists().hold(POD_COLLECTION, TokenscaleOperator.CACHE_SYNC_TIMEOUT.plusSeconds(2));
        start();
        cluster.createDeployment(NS, "llama", 2);
        cluster.client().resource(TestPools.deploymentPool(NS, "pool", "llama", 1, 5)).create();

        await().atMost(WAIT).until(() -> state(PODS) == InformerSlot.State.SYNCING);
        assertThat(cluster.slowLists().slowed(POD_COLLECTION)).as("the informer's lists answered late").isPositive();
        // Its list timing out on the client may read as an unreachable API server for a moment; it is
        // the pools' watch alone that readiness holds to, since the pools are read through the API meanwhile.
        assertThat(operator.operator().readiness().message()).doesNotContain("inferencepools");
        // Past the cache-sync wait the pool stops waiting for the informer and reads through the API.
        await().atMost(WAIT).untilAsserted(() -> assertThat(evaluationPodLists(0)).as("the evaluations' pod LISTs").isPositive());
        cluster.slowLists().release(POD_COLLECTION);

        // The clock stands still: this is the same informer finishing its list, not a retry.
        await().atMost(WAIT).until(() -> state(PODS) == InformerSlot.State.CACHED);
        int from = cluster.audit().calls().size();
        int evaluated = signals.requests(NS, "pool").size();
        await().atMost(WAIT).until(() -> signals.requests(NS, "pool").size() >= evaluated + 3);

        assertThat(calls(from)).as("pod reads over three evaluations after the informer listed")
                .filteredOn(c -> "pods".equals(c.resource()) && List.of("get", "list").contains(c.verb()))
                .isEmpty();
        assertThat(workloads().registered()).as("one pod informer, the one that was slow").filteredOn(n -> n.contains("pods"))
                .hasSize(1);
    }

    @Test
    void whileAnInformerListsForTheFirstTimeItsPoolWaitsForTheCacheInsteadOfReadingThroughTheApi() {
        cluster = new MockCluster();
        cluster.slowLists().hold(POD_COLLECTION, Duration.ofSeconds(4));
        start();
        cluster.createDeployment(NS, "llama", 2);
        cluster.client().resource(TestPools.deploymentPool(NS, "pool", "llama", 1, 5)).create();

        await().atMost(WAIT).until(() -> cluster.slowLists().slowed(POD_COLLECTION) > 0);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> state(PODS) == InformerSlot.State.STARTING && evaluationPodLists(0) == 0);
        assertThat(signals.requests(NS, "pool")).as("signals read while the pods were not known").isEmpty();
        cluster.slowLists().release(POD_COLLECTION);

        await().atMost(WAIT).until(() -> signals.requests(NS, "pool").size() >= 2);
        assertThat(state(PODS)).isEqualTo(InformerSlot.State.CACHED);
        assertThat(evaluationPodLists(0)).as("pod LISTs by the evaluations, from the start").isZero();
    }

    @Test
    void aRefusedWatchDropsTheInformerAndOnceTheAdminGrantsItTheRetryOnTheClockReadsFromTheCache() {
        cluster = new MockCluster(DeployRbac.load().withoutVerb("", "pods", "watch"));
        cluster.audit().expectDenials();
        start();
        cluster.createDeployment(NS, "llama", 2);
        cluster.client().resource(TestPools.deploymentPool(NS, "pool", "llama", 1, 5)).create();

        // Dropped, and so taken from JOSDK, which stops it.
        await().atMost(WAIT).until(() -> state(PODS) == InformerSlot.State.DROPPED
                && workloads().registered().stream().noneMatch(n -> n.contains("pods")));
        assertThat(informers("dropped")).as("tokenscale_informers{state=dropped}").isEqualTo(1);
        assertThat(informers("cached")).as("the Deployments' informer").isEqualTo(1);
        long refused = podWatchDenials();
        int before = signals.requests(NS, "pool").size();
        await().atMost(WAIT).until(() -> signals.requests(NS, "pool").size() >= before + 3);
        assertThat(podWatchDenials()).as("a dropped informer asks no more").isEqualTo(refused);
        assertThat(calls(0)).as("the pods, listed by the evaluations meanwhile")
                .anyMatch(c -> "pods".equals(c.resource()) && "list".equals(c.verb()) && NS.equals(c.namespace()));

        cluster.audit().apply(DeployRbac.load());
        int granted = signals.requests(NS, "pool").size();
        await().atMost(WAIT).until(() -> signals.requests(NS, "pool").size() >= granted + 2);
        assertThat(state(PODS)).as("tried again on the clock, not on every evaluation").isEqualTo(InformerSlot.State.DROPPED);

        clock.advance(InformerSlot.FIRST_RETRY);

        await().atMost(WAIT).until(() -> state(PODS) == InformerSlot.State.CACHED);
        int from = cluster.audit().calls().size();
        int evaluated = signals.requests(NS, "pool").size();
        await().atMost(WAIT).until(() -> signals.requests(NS, "pool").size() >= evaluated + 3);
        assertThat(calls(from)).as("pod reads over three evaluations after the retry")
                .filteredOn(c -> "pods".equals(c.resource()) && List.of("get", "list").contains(c.verb()))
                .isEmpty();
        assertThat(cluster.audit().denials()).as("denied before the grant only").hasSize((int) refused);
    }

    @Test
    void deletingTheLastPoolOfANamespaceReleasesItsInformersAndANewPoolStartsThemAgain() {
        cluster = new MockCluster();
        start();
        cluster.createDeployment(NS, "llama", 2);
        cluster.createDeployment(NS, "mistral", 1);
        InferencePool first = cluster.client().resource(TestPools.deploymentPool(NS, "pool", "llama", 1, 5)).create();
        InferencePool second = cluster.client().resource(TestPools.deploymentPool(NS, "other", "mistral", 1, 5)).create();
        await().atMost(WAIT).until(() -> state(PODS) == InformerSlot.State.CACHED && state(DEPLOYMENTS) == InformerSlot.State.CACHED);
        List<String> running = workloads().registered();
        assertThat(running).hasSize(2);

        cluster.client().resource(first).delete();
        int evaluated = signals.requests(NS, "other").size();
        await().atMost(WAIT).until(() -> signals.requests(NS, "other").size() >= evaluated + 2);
        assertThat(workloads().registered()).as("another pool still needs them").isEqualTo(running);

        cluster.client().resource(second).delete();
        await().atMost(WAIT).until(() -> workloads().registered().isEmpty());
        assertThat(workloads().states()).isEmpty();

        cluster.client().resource(TestPools.deploymentPool(NS, "pool", "llama", 1, 5)).create();
        await().atMost(WAIT).until(() -> state(PODS) == InformerSlot.State.CACHED && state(DEPLOYMENTS) == InformerSlot.State.CACHED);
        assertThat(workloads().registered()).hasSize(2).doesNotContainAnyElementsOf(running);
    }

    @Test
    void withNamespacesDeletingANamespacesLastPoolReleasesThatNamespacesInformersOnly() {
        cluster = new MockCluster();
        signals.pool(NS, "pool").healthy();
        signals.pool(OTHER_NS, "pool").healthy();
        operator = OperatorUnderTest.start(cluster, signals, clock, new OperatorOptions(URI.create("http://127.0.0.1:9"),
                Set.of(NS, OTHER_NS), false, null, "operator-under-test", Duration.ofMinutes(5)));
        cluster.createDeployment(NS, "llama", 2);
        cluster.createDeployment(OTHER_NS, "llama", 2);
        InferencePool here = cluster.client().resource(TestPools.deploymentPool(NS, "pool", "llama", 1, 5)).create();
        cluster.client().resource(TestPools.deploymentPool(OTHER_NS, "pool", "llama", 1, 5)).create();
        List<String> informers = List.of(PODS, "apps/v1/Deployment@" + NS, "Pod@" + OTHER_NS, "apps/v1/Deployment@" + OTHER_NS);
        await().atMost(WAIT).until(() -> informers.stream().allMatch(i -> state(i) == InformerSlot.State.CACHED));
        assertThat(workloads().registered()).hasSize(4);

        cluster.client().resource(here).delete();

        await().atMost(WAIT).until(() -> workloads().states().keySet(),
                keys -> keys.equals(Set.of("Pod@" + OTHER_NS, "apps/v1/Deployment@" + OTHER_NS)));
        assertThat(workloads().registered()).as("the other namespace's informers, still held by JOSDK")
                .hasSize(2).allMatch(n -> n.contains(OTHER_NS));
    }

    private void start() {
        signals.pool(NS, "pool").healthy();
        signals.pool(NS, "other").healthy();
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

    private WorkloadInformers workloads() {
        return operator.operator().reconciler().workloads();
    }

    private InformerSlot.State state(String informer) {
        Map<String, InformerSlot.State> states = workloads().states();
        return states.get(informer);
    }

    private List<ApiCall> calls(int from) {
        List<ApiCall> calls = cluster.audit().calls();
        return calls.subList(from, calls.size());
    }

    /** Pod LISTs besides the informer's, which are the slowed ones while the list is held. */
    private long evaluationPodLists(int from) {
        return calls(from).stream().filter(c -> "pods".equals(c.resource()) && "list".equals(c.verb()))
                .count() - cluster.slowLists().slowed(POD_COLLECTION);
    }

    private double informers(String state) {
        return operator.dataPoints("tokenscale_informers").stream().filter(p -> state.equals(p.getLabels().get("state")))
                .mapToDouble(p -> ((GaugeSnapshot.GaugeDataPointSnapshot) p).getValue()).sum();
    }

    private long podWatchDenials() {
        return cluster.audit().denials().stream().map(RbacAudit.Recorded::call)
                .filter(c -> "pods".equals(c.resource()) && "watch".equals(c.verb())).count();
    }
}
