package dev.tokenscale.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenscale.api.InferencePool;
import dev.tokenscale.testing.DeployRbac;
import dev.tokenscale.testing.FakeSignalReader;
import dev.tokenscale.testing.MockCluster;
import dev.tokenscale.testing.MutableClock;
import dev.tokenscale.testing.OperatorUnderTest;
import dev.tokenscale.testing.TestPools;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Two operators on one cluster, each with its shard selector and the Lease derived from it: each
 * leads its own shard and evaluates only the pools whose labels match.
 */
class ShardingTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String NS = "models";

    @Test
    void twoShardsEachLeadTheirOwnLeaseAndEvaluateOnlyTheirOwnPools() {
        MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
        FakeSignalReader signals = new FakeSignalReader(clock);
        ShardSelector a = new ShardSelector("tokenscale.dev/shard!=b");
        ShardSelector b = new ShardSelector("tokenscale.dev/shard=b");
        try (MockCluster cluster = new MockCluster()) {
            for (String name : new String[] {"llama", "qwen", "mistral"}) {
                cluster.createDeployment(NS, name, 2);
                signals.pool(NS, name).healthy();
            }
            cluster.client().resource(labelled(TestPools.deploymentPool(NS, "llama", "llama", 1, 5), "a")).create();
            cluster.client().resource(labelled(TestPools.deploymentPool(NS, "qwen", "qwen", 1, 5), "b")).create();
            // No shard label: shard a's "!=b" takes it, so a new pool is never left without an operator.
            cluster.client().resource(TestPools.deploymentPool(NS, "mistral", "mistral", 1, 5)).create();

            try (OperatorUnderTest first = OperatorUnderTest.start(cluster, signals, clock, sharded(a, "operator-a"));
                    OperatorUnderTest second = OperatorUnderTest.start(cluster, signals, clock, sharded(b, "operator-b"))) {
                await().atMost(WAIT).until(() -> first.lastEvaluation(NS, "llama").isPresent()
                        && first.lastEvaluation(NS, "mistral").isPresent() && second.lastEvaluation(NS, "qwen").isPresent());

                assertThat(holder(cluster, a.derivedLeaseName())).isEqualTo("operator-a");
                assertThat(holder(cluster, b.derivedLeaseName())).isEqualTo("operator-b");
                assertThat(first.lastEvaluation(NS, "qwen")).as("shard a never evaluates shard b's pool").isEmpty();
                assertThat(second.lastEvaluation(NS, "llama")).isEmpty();
                assertThat(second.lastEvaluation(NS, "mistral")).isEmpty();
                assertThat(first.operator().reconciler().remembers(cluster.pool(NS, "qwen").getMetadata().getUid())).isFalse();
            }
        }
    }

    private static InferencePool labelled(InferencePool pool, String shard) {
        pool.getMetadata().setLabels(java.util.Map.of("tokenscale.dev/shard", shard));
        return pool;
    }

    private static OperatorOptions sharded(ShardSelector shard, String identity) {
        return new OperatorOptions(URI.create("http://127.0.0.1:9"), Set.of(), true, DeployRbac.NAMESPACE, identity,
                Duration.ofMinutes(5), OperatorOptions.DEFAULT_UNHEALTHY_AFTER, shard, shard.derivedLeaseName());
    }

    private static String holder(MockCluster cluster, String lease) {
        Lease found = cluster.client().leases().inNamespace(DeployRbac.NAMESPACE).withName(lease).get();
        return found == null ? null : found.getSpec().getHolderIdentity();
    }
}
