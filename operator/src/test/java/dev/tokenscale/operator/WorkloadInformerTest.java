package dev.tokenscale.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenscale.api.InferencePool;
import dev.tokenscale.api.InferencePoolStatus;
import dev.tokenscale.api.PoolMode;
import dev.tokenscale.testing.ApiCall;
import dev.tokenscale.testing.FakeSignalReader;
import dev.tokenscale.testing.MockCluster;
import dev.tokenscale.testing.MutableClock;
import dev.tokenscale.testing.OperatorUnderTest;
import dev.tokenscale.testing.TestPools;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Deployments and StatefulSets come from informers: a pool evaluated every 10 minutes sees a manual
 * scale of its target at once, and its evaluations read neither /scale nor the workload.
 */
class WorkloadInformerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String NS = "informed";

    @Test
    void aDeploymentScaledByHandIsEvaluatedAtOnceWithoutReadingScaleOrTheDeployment() {
        assertHandScaleIsSeen("Deployment", cluster -> cluster.createDeployment(NS, "llama", 2),
                (cluster, replicas) -> cluster.client().apps().deployments().inNamespace(NS).withName("llama")
                        .edit(d -> { d.getSpec().setReplicas(replicas); return d; }), "deployments");
    }

    @Test
    void aStatefulSetScaledByHandIsEvaluatedAtOnce() {
        assertHandScaleIsSeen("StatefulSet", cluster -> cluster.createStatefulSet(NS, "llama", 2),
                (cluster, replicas) -> cluster.client().apps().statefulSets().inNamespace(NS).withName("llama")
                        .edit(s -> { s.getSpec().setReplicas(replicas); return s; }), "statefulsets");
    }

    private static void assertHandScaleIsSeen(String kind, java.util.function.Consumer<MockCluster> create,
            java.util.function.BiConsumer<MockCluster, Integer> scaleByHand, String resource) {
        MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
        FakeSignalReader signals = new FakeSignalReader(clock);
        signals.pool(NS, "pool").healthy();
        try (MockCluster cluster = new MockCluster();
                OperatorUnderTest operator = OperatorUnderTest.start(cluster, signals, clock)) {
            create.accept(cluster);
            InferencePool pool = TestPools.pool(NS, "pool", "apps/v1", kind, "llama", 1, 8);
            pool.getSpec().setMode(PoolMode.RECOMMEND);
            pool.getSpec().setEvaluationInterval("10m");
            cluster.client().resource(pool).create();
            awaitStatus(cluster, s -> s.getReadyReplicas() != null && s.getReadyReplicas() == 2);
            Instant settled = clock.instant();
            int evaluationsBefore = signals.requests(NS, "pool").size();

            clock.advance(Duration.ofSeconds(1));
            scaleByHand.accept(cluster, 4);

            InferencePoolStatus seen = awaitStatus(cluster, s -> s.getReplicas() == 4 && s.getReadyReplicas() == 4);
            assertThat(seen.getReplicas()).isEqualTo(4);
            assertThat(operator.lastEvaluation(NS, "pool")).get().matches(t -> t.isAfter(settled));
            assertThat(signals.requests(NS, "pool").size()).isGreaterThan(evaluationsBefore);
            assertThat(cluster.audit().calls()).as("reads of /scale or the workload, with the informer's cache")
                    .filteredOn(c -> NS.equals(c.namespace()) && "get".equals(c.verb())
                            && (("apps/" + resource).equals(c.apiGroup() + "/" + c.resource())
                                    || ("apps/" + resource + "/scale").equals(c.apiGroup() + "/" + c.resource())))
                    .isEmpty();
            System.out.println("WorkloadInformerTest " + kind + ": " + signals.requests(NS, "pool").size()
                    + " evaluations, operator requests in the namespace by grant: " + cluster.audit().calls().stream()
                            .filter(c -> NS.equals(c.namespace())).map(ApiCall::grant)
                            .collect(java.util.stream.Collectors.groupingBy(g -> g, java.util.TreeMap::new,
                                    java.util.stream.Collectors.counting())));
        }
    }

    private static InferencePoolStatus awaitStatus(MockCluster cluster, Predicate<InferencePoolStatus> condition) {
        return await().atMost(WAIT).ignoreExceptions()
                .until(() -> cluster.pool(NS, "pool").getStatus(), s -> s != null && condition.test(s));
    }
}
