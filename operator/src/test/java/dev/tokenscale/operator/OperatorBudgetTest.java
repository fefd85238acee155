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
import dev.tokenscale.api.PoolPriority;
import dev.tokenscale.policy.Signal;
import dev.tokenscale.testing.FakeSignalReader;
import dev.tokenscale.testing.OneOperatorPerClass;
import dev.tokenscale.testing.ScaleWriteRecorder;
import dev.tokenscale.testing.TestPools;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Budgets in the running operator on the mock API server, with fake signals: a round per budget,
 * preemption of a batch pool for a realtime one, a conflict between two budgets, and a deleted
 * budget releasing its cap. A replica is 8 GPUs at $2.00 plus 5%: $16.80/h.
 */
class OperatorBudgetTest extends OneOperatorPerClass {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final double REPLICA = 8 * 2.0 * 1.05;

    OperatorBudgetTest() {
        super("budget");
    }

    @Test
    void aBatchPoolGivesAReplicaBackBeforeTheRealtimePoolTakesItAndTheBudgetSaysSo() {
        // 2 + 2 + 3 replicas = 7 x $16.80 = $117.60, the whole budget; realtime breaches and wants a 3rd
        budget("team", 7 * REPLICA, ns);
        FakeSignalReader.PoolSignals realtime = pool("realtime", PoolPriority.REALTIME, 2);
        pool("chat", PoolPriority.INTERACTIVE, 2);
        pool("nightly", PoolPriority.BATCH, 3);
        awaitBudget("team", s -> s.getPools().size() == 3);

        realtime.set(Signal.TTFT_P99_MS, 900);

        await().atMost(WAIT).until(() -> cluster.deploymentReplicas(ns, "realtime") == 3);

        assertThat(cluster.deploymentReplicas(ns, "nightly")).isEqualTo(2);
        assertThat(cluster.deploymentReplicas(ns, "chat")).isEqualTo(2);
        List<String> order = cluster.scale().scaleWrites().stream()
                .map(ScaleWriteRecorder.ScaleWrite::path).filter(p -> p.contains("/namespaces/" + ns + "/")).toList();
        assertThat(order.get(0)).as("the victim gives back before the beneficiary takes").contains("/deployments/nightly/");
        assertThat(await().atMost(WAIT).until(() -> cluster.events(ns, "Preempted"), e -> !e.isEmpty()))
                .singleElement().satisfies(e -> {
                    assertThat(e.getInvolvedObject().getName()).isEqualTo("nightly");
                    assertThat(e.getMessage()).contains("from 3 to 2").contains(ns + "/realtime").contains("budget team");
                });
        InferenceBudgetStatus status = awaitBudget("team", s -> s.getPools().stream()
                .allMatch(p -> p.getReplicas().equals(p.getGranted())) && s.getPools().size() == 3);
        assertThat(status.getSpentPerHour()).isEqualTo(Math.round(7 * REPLICA * 100) / 100.0);
        assertThat(status.getGpus()).isEqualTo(56);
        assertThat(status.getPoolCount()).isEqualTo(3);
        assertThat(status.getLastPreemptionTime()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(status.getPools()).extracting(BudgetPoolStatus::getName, BudgetPoolStatus::getGranted)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("realtime", 3),
                        org.assertj.core.groups.Tuple.tuple("chat", 2), org.assertj.core.groups.Tuple.tuple("nightly", 2));
        assertThat(condition(status.getConditions(), "Ready").getStatus()).isEqualTo("True");
        InferencePoolStatus nightly = cluster.pool(ns, "nightly").getStatus();
        assertThat(nightly.getBudget().getName()).isEqualTo("team");
        assertThat(nightly.getBudget().getGranted()).isEqualTo(2);
        assertThat(cluster.audit().calls()).as("status writes are PATCHes alone, with no GET of the pool or budget")
                .noneMatch(c -> ("inferencepools".equals(c.resource()) || "inferencebudgets".equals(c.resource()))
                        && "get".equals(c.verb()));
    }

    @Test
    void aPoolTwoBudgetsSelectHoldsWithAConditionNamingBoth() {
        budget("first", 100 * REPLICA, ns);
        budget("second", 100 * REPLICA, ns);
        pool("realtime", PoolPriority.REALTIME, 2).set(Signal.TTFT_P99_MS, 900);

        InferencePoolStatus status = awaitPool("realtime", s -> condition(s.getConditions(), "BudgetLimited") != null);

        Condition limited = condition(status.getConditions(), "BudgetLimited");
        assertThat(limited.getReason()).isEqualTo("BudgetConflict");
        assertThat(limited.getMessage()).contains("first and second");
        assertThat(status.getLastDecision().getReason()).isEqualTo("budget_conflict");
        assertThat(cluster.deploymentReplicas(ns, "realtime")).isEqualTo(2);
    }

    @Test
    void deletingTheBudgetReleasesTheCapAtTheNextEvaluation() {
        budget("tight", 2 * REPLICA, ns);
        pool("realtime", PoolPriority.REALTIME, 2).set(Signal.TTFT_P99_MS, 900);

        InferencePoolStatus capped = awaitPool("realtime", s -> condition(s.getConditions(), "BudgetLimited") != null
                && "Capped".equals(condition(s.getConditions(), "BudgetLimited").getReason()));
        assertThat(capped.getBudget().getWanted()).isEqualTo(3);
        assertThat(capped.getBudget().getGranted()).isEqualTo(2);
        assertThat(capped.getLastDecision().getReason()).isEqualTo("budget_limited");
        assertThat(await().atMost(WAIT).until(() -> cluster.events(ns, "BudgetLimited"), e -> !e.isEmpty())).isNotEmpty();
        assertThat(cluster.deploymentReplicas(ns, "realtime")).isEqualTo(2);

        cluster.client().resources(InferenceBudget.class).withName("tight").delete();

        await().atMost(WAIT).until(() -> cluster.deploymentReplicas(ns, "realtime") == 3);
        InferencePoolStatus released = awaitPool("realtime", s -> s.getBudget() == null);
        assertThat(condition(released.getConditions(), "BudgetLimited")).isNull();
    }

    private FakeSignalReader.PoolSignals pool(String name, PoolPriority priority, int replicas) {
        cluster.createDeployment(ns, name, replicas);
        FakeSignalReader.PoolSignals poolSignals = signals.pool(ns, name).healthy().set(Signal.UTILIZATION_PERCENT, 50);
        InferencePool pool = TestPools.deploymentPool(ns, name, name, 1, 6);
        pool.getSpec().setPriority(priority);
        cluster.client().resource(pool).create();
        return poolSignals;
    }

    /** Selects this test's namespace by the label Kubernetes puts on every namespace. */
    private void budget(String name, double maxHourlyCost, String namespace) {
        BudgetLabelRequirement inNamespace = new BudgetLabelRequirement();
        inNamespace.setKey("kubernetes.io/metadata.name");
        inNamespace.setOperator("In");
        inNamespace.setValues(List.of(namespace));
        BudgetLabelSelector namespaces = new BudgetLabelSelector();
        namespaces.setMatchExpressions(List.of(inNamespace));
        InferenceBudgetSpec spec = new InferenceBudgetSpec();
        spec.setMaxHourlyCost(maxHourlyCost);
        spec.setNamespaceSelector(namespaces);
        InferenceBudget budget = new InferenceBudget();
        budget.setMetadata(new ObjectMetaBuilder().withName(name).withLabels(Map.of("test", namespace)).build());
        budget.setSpec(spec);
        cluster.client().resource(budget).create();
    }

    private InferencePoolStatus awaitPool(String name, Predicate<InferencePoolStatus> condition) {
        return await().atMost(WAIT).ignoreExceptions()
                .until(() -> cluster.pool(ns, name).getStatus(), s -> s != null && condition.test(s));
    }

    private InferenceBudgetStatus awaitBudget(String name, Predicate<InferenceBudgetStatus> condition) {
        return await().atMost(WAIT).ignoreExceptions()
                .until(() -> cluster.client().resources(InferenceBudget.class).withName(name).get().getStatus(),
                        s -> s != null && condition.test(s));
    }

    private static Condition condition(List<Condition> conditions, String type) {
        return conditions == null ? null : conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }
}
