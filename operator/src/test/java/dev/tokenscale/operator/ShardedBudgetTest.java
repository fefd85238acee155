package dev.tokenscale.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenscale.api.BudgetLabelRequirement;
import dev.tokenscale.api.BudgetLabelSelector;
import dev.tokenscale.api.BudgetPoolStatus;
import dev.tokenscale.api.InferenceBudget;
import dev.tokenscale.api.InferenceBudgetSpec;
import dev.tokenscale.api.InferenceBudgetStatus;
import dev.tokenscale.api.InferencePool;
import dev.tokenscale.api.InferencePoolStatus;
import dev.tokenscale.policy.Signal;
import dev.tokenscale.testing.DeployRbac;
import dev.tokenscale.testing.FakeSignalReader;
import dev.tokenscale.testing.MockCluster;
import dev.tokenscale.testing.MutableClock;
import dev.tokenscale.testing.OperatorUnderTest;
import dev.tokenscale.testing.TestPools;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Budgets under sharding: a budget belongs to the shard whose selector matches the budget's own
 * labels, and that shard alone coordinates it, over its own pools, and writes its status. A pool of
 * another shard that the budget selects holds and says why, instead of spending the budget a second
 * time from a ledger of its own.
 */
class ShardedBudgetTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SHARD_LABEL = "tokenscale.dev/shard";
    private static final double REPLICA = 8 * 2.0 * 1.05;

    @Test
    void aBudgetIsCoordinatedOnlyByTheShardItsLabelsSelectAndAPoolOfAnotherShardHoldsSayingWhy() {
        MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
        FakeSignalReader signals = new FakeSignalReader(clock);
        ShardSelector a = new ShardSelector(SHARD_LABEL + "!=b");
        ShardSelector b = new ShardSelector(SHARD_LABEL + "=b");
        try (MockCluster cluster = new MockCluster()) {
            // Budget "team-b" is shard b's by its label and selects namespace "shared", where one
            // pool is b's and one, unlabelled, is a's. Budget "team-a" has no label: shard a's.
            budget(cluster, "team-b", "shared", Map.of(SHARD_LABEL, "b"));
            budget(cluster, "team-a", "alone", Map.of());
            pool(cluster, signals, "shared", "qwen", "b");
            FakeSignalReader.PoolSignals llama = pool(cluster, signals, "shared", "llama", null);
            pool(cluster, signals, "alone", "mistral", null);
            llama.set(Signal.TTFT_P99_MS, 900);

            try (OperatorUnderTest first = OperatorUnderTest.start(cluster, signals, clock, sharded(a, "operator-a"));
                    OperatorUnderTest second = OperatorUnderTest.start(cluster, signals, clock, sharded(b, "operator-b"))) {
                InferencePoolStatus held = awaitPool(cluster, "shared", "llama",
                        s -> condition(s, "BudgetLimited") != null && s.getLastDecision() != null);
                Condition conflict = condition(held, "BudgetLimited");
                assertThat(conflict.getReason()).isEqualTo("BudgetConflict");
                assertThat(conflict.getMessage()).contains("budget team-b").contains("this shard does not coordinate")
                        .contains("--shard-selector '" + SHARD_LABEL + "!=b'");
                assertThat(held.getLastDecision().getReason()).as("a breaching pool of a foreign budget holds")
                        .isEqualTo("budget_conflict");
                assertThat(held.getBudget()).isNull();
                assertThat(cluster.deploymentReplicas("shared", "llama")).isEqualTo(2);

                InferencePoolStatus qwen = awaitPool(cluster, "shared", "qwen", s -> s.getBudget() != null);
                assertThat(qwen.getBudget().getName()).isEqualTo("team-b");
                InferencePoolStatus mistral = awaitPool(cluster, "alone", "mistral", s -> s.getBudget() != null);
                assertThat(mistral.getBudget().getName()).as("an unlabelled budget is the complement shard's").isEqualTo("team-a");

                assertThat(awaitBudget(cluster, "team-b").getPools()).extracting(BudgetPoolStatus::getName)
                        .as("shard a never writes team-b's status").containsExactly("qwen");
                assertThat(awaitBudget(cluster, "team-a").getPools()).extracting(BudgetPoolStatus::getName)
                        .containsExactly("mistral");
                assertThat(second.lastEvaluation("shared", "llama")).as("shard b never evaluates shard a's pool").isEmpty();
                assertThat(cluster.client().resources(InferenceBudget.class).withName("team-b").get().getStatus().getPoolCount())
                        .isEqualTo(1);
            }
        }
    }

    private static FakeSignalReader.PoolSignals pool(MockCluster cluster, FakeSignalReader signals, String ns, String name,
            String shard) {
        cluster.createDeployment(ns, name, 2);
        FakeSignalReader.PoolSignals poolSignals = signals.pool(ns, name).healthy().set(Signal.UTILIZATION_PERCENT, 50);
        InferencePool pool = TestPools.deploymentPool(ns, name, name, 1, 6);
        if (shard != null) {
            pool.getMetadata().setLabels(Map.of(SHARD_LABEL, shard));
        }
        cluster.client().resource(pool).create();
        return poolSignals;
    }

    /** A budget for ten replicas over one namespace, by the label Kubernetes puts on every namespace. */
    private static void budget(MockCluster cluster, String name, String namespace, Map<String, String> labels) {
        BudgetLabelRequirement inNamespace = new BudgetLabelRequirement();
        inNamespace.setKey(BudgetCoordinator.NAMESPACE_NAME_LABEL);
        inNamespace.setOperator("In");
        inNamespace.setValues(List.of(namespace));
        BudgetLabelSelector namespaces = new BudgetLabelSelector();
        namespaces.setMatchExpressions(List.of(inNamespace));
        InferenceBudgetSpec spec = new InferenceBudgetSpec();
        spec.setMaxHourlyCost(10 * REPLICA);
        spec.setNamespaceSelector(namespaces);
        InferenceBudget budget = new InferenceBudget();
        budget.setMetadata(new ObjectMetaBuilder().withName(name).withLabels(labels).build());
        budget.setSpec(spec);
        cluster.client().resource(budget).create();
    }

    private static OperatorOptions sharded(ShardSelector shard, String identity) {
        return new OperatorOptions(URI.create("http://127.0.0.1:9"), java.util.Set.of(), true, DeployRbac.NAMESPACE, identity,
                Duration.ofMinutes(5), OperatorOptions.DEFAULT_UNHEALTHY_AFTER, shard, shard.derivedLeaseName());
    }

    private static InferencePoolStatus awaitPool(MockCluster cluster, String ns, String name,
            Predicate<InferencePoolStatus> condition) {
        return await().atMost(WAIT).ignoreExceptions()
                .until(() -> cluster.pool(ns, name).getStatus(), s -> s != null && condition.test(s));
    }

    private static InferenceBudgetStatus awaitBudget(MockCluster cluster, String name) {
        return await().atMost(WAIT).ignoreExceptions()
                .until(() -> cluster.client().resources(InferenceBudget.class).withName(name).get().getStatus(),
                        s -> s != null && s.getPools() != null && !s.getPools().isEmpty());
    }

    private static Condition condition(InferencePoolStatus status, String type) {
        return status.getConditions() == null ? null
                : status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }
}
