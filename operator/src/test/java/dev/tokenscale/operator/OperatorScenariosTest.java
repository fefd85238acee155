package dev.tokenscale.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenscale.api.InferencePool;
import dev.tokenscale.api.InferencePoolStatus;
import dev.tokenscale.api.PoolMode;
import dev.tokenscale.api.ScalingSpec;
import dev.tokenscale.policy.Signal;
import dev.tokenscale.testing.OneOperatorPerClass;
import dev.tokenscale.testing.TestPools;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The operator's scenarios end to end on the mock API server: JOSDK, the reconciler, /scale,
 * status, Events and metrics are all real; the signals come from a fake and cooldowns run on a
 * stepped clock. Each test has its own namespace; one operator serves them all, as on a cluster.
 */
class OperatorScenariosTest extends OneOperatorPerClass {

    private static final Duration WAIT = Duration.ofSeconds(20);

    OperatorScenariosTest() {
        super("scenario");
    }

    @Test
    void anSloBreachScalesTheDeploymentUpByOneWithStatusAndAnEvent() {
        cluster.createDeployment(ns, "llama", 2);
        signals.pool(ns, "pool").healthy().set(Signal.TTFT_P99_MS, 900);
        create(TestPools.deploymentPool(ns, "pool", "llama", 1, 5));

        InferencePoolStatus status = awaitStatus(s -> s.getDesiredReplicas() != null && s.getDesiredReplicas() == 3);

        assertThat(cluster.deploymentReplicas(ns, "llama")).isEqualTo(3);
        assertThat(status.getLastDecision().getAction()).isEqualTo("scale_up");
        assertThat(status.getLastDecision().getReason()).isEqualTo("slo_violation");
        assertThat(status.getLastDecision().getFrom()).isEqualTo(2);
        assertThat(status.getLastDecision().getTo()).isEqualTo(3);
        assertThat(status.getLastScaleUpTime()).isEqualTo(clock.instant().toString());
        assertThat(status.getSignals().getTtftP99Ms()).isEqualTo(900.0);
        assertThat(status.getSignals().getHealth()).containsEntry("ttftP99Ms", "present");
        assertThat(status.getCost().getHourly()).isCloseTo(3 * 8 * 2.0 * 1.05, within());
        assertThat(condition(status, "SLOMet").getStatus()).isEqualTo("False");
        assertThat(condition(status, "Ready").getStatus()).isEqualTo("True");
        assertThat(await().atMost(WAIT).until(() -> cluster.events(ns, "ScaledUp"), e -> !e.isEmpty()))
                .singleElement().satisfies(e -> {
                    assertThat(e.getType()).isEqualTo("Normal");
                    assertThat(e.getMessage()).contains("from 2 to 3").contains("slo_violation");
                    assertThat(e.getInvolvedObject().getName()).isEqualTo("pool");
                });
    }

    @Test
    void theScaleUpCooldownHoldsTheNextStepUntilItHasPassed() {
        cluster.createDeployment(ns, "llama", 2);
        signals.pool(ns, "pool").healthy().set(Signal.TTFT_P99_MS, 900);
        create(TestPools.deploymentPool(ns, "pool", "llama", 1, 5));
        awaitStatus(s -> s.getDesiredReplicas() != null && s.getDesiredReplicas() == 3);

        InferencePoolStatus held = awaitStatus(s -> "cooldown".equals(s.getLastDecision().getReason()));
        assertThat(held.getDesiredReplicas()).isEqualTo(3);
        assertThat(cluster.deploymentReplicas(ns, "llama")).isEqualTo(3);

        clock.advance(Duration.ofSeconds(61));

        InferencePoolStatus second = awaitStatus(s -> s.getDesiredReplicas() == 4);
        assertThat(cluster.deploymentReplicas(ns, "llama")).isEqualTo(4);
        assertThat(second.getLastScaleUpTime()).isEqualTo(clock.instant().toString());
        assertThat(await().atMost(WAIT).until(() -> cluster.events(ns, "ScaledUp"), e -> e.size() >= 2)).hasSize(2);
        assertThat(cluster.events(ns, "ScalingHeld")).filteredOn(e -> e.getMessage().endsWith(": cooldown")).hasSize(1);
    }

    @Test
    void lowUtilizationScalesDownOnlyOnceTheScaleDownCooldownHasPassed() {
        cluster.createDeployment(ns, "llama", 4);
        signals.pool(ns, "pool").healthy().set(Signal.UTILIZATION_PERCENT, 10);
        create(TestPools.deploymentPool(ns, "pool", "llama", 1, 5));
        InferencePoolStatus first = awaitStatus(s -> s.getDesiredReplicas() != null && s.getDesiredReplicas() == 3);
        assertThat(first.getLastScaleDownTime()).isEqualTo(clock.instant().toString());

        InferencePoolStatus held = awaitStatus(s -> "cooldown".equals(s.getLastDecision().getReason()));
        assertThat(held.getLastDecision().getMessage()).contains("scale-down cooldown");
        assertThat(cluster.deploymentReplicas(ns, "llama")).isEqualTo(3);

        clock.advance(Duration.ofSeconds(299));
        awaitEvaluationsAfter(clock.instant());
        assertThat(cluster.deploymentReplicas(ns, "llama")).isEqualTo(3);

        clock.advance(Duration.ofSeconds(1));

        InferencePoolStatus status = awaitStatus(s -> s.getDesiredReplicas() == 2);
        assertThat(cluster.deploymentReplicas(ns, "llama")).isEqualTo(2);
        assertThat(status.getLastDecision().getReason()).isEqualTo("low_utilization");
        assertThat(status.getLastScaleDownTime()).isEqualTo(clock.instant().toString());
        assertThat(status.getCost().getEstimatedSavingsPerHour()).isCloseTo(16.8, within());
        assertThat(await().atMost(WAIT).until(() -> cluster.events(ns, "ScaledDown"), e -> e.size() == 2))
                .anySatisfy(e -> assertThat(e.getMessage()).contains("from 3 to 2").contains("$16.80/h"));
    }

    @Test
    void aPrometheusErrorNeverScalesDownAndSaysWhyInMetricsAvailable() {
        cluster.createDeployment(ns, "llama", 3);
        signals.pool(ns, "pool").prometheusDown();
        create(TestPools.deploymentPool(ns, "pool", "llama", 1, 5));

        InferencePoolStatus status = awaitStatus(s -> condition(s, "MetricsAvailable") != null
                && "PrometheusError".equals(condition(s, "MetricsAvailable").getReason()));
        Condition metrics = condition(status, "MetricsAvailable");
        assertThat(metrics.getStatus()).isEqualTo("False");
        assertThat(metrics.getMessage()).contains("ttftP99Ms").contains("connection refused");
        assertThat(status.getLastDecision().getReason()).isEqualTo("metrics_unavailable");
        assertThat(status.getSignals().getUtilizationPercent()).isNull();
        assertThat(status.getSignals().getHealth()).containsEntry("utilizationPercent", "missing:error");

        clock.advance(Duration.ofMinutes(30));
        awaitEvaluationsAfter(clock.instant());
        assertThat(cluster.deploymentReplicas(ns, "llama")).isEqualTo(3);
        assertThat(cluster.scale().scaleWrites()).noneMatch(w -> w.path().contains("/namespaces/" + ns + "/"));
        // The Event is patched right after the status is written; wait for it rather than race it.
        await().atMost(WAIT).until(() -> cluster.events(ns, "MetricsUnavailable").stream()
                .anyMatch(e -> e.getCount() != null && e.getCount() > 1));
        assertThat(cluster.events(ns, "MetricsUnavailable")).as("identical repeats fold into one Event")
                .filteredOn(e -> e.getMessage().contains("connection refused"))
                .singleElement().satisfies(e -> {
                    assertThat(e.getType()).isEqualTo("Warning");
                    assertThat(e.getCount()).isGreaterThan(1);
                    assertThat(e.getLastTimestamp()).isEqualTo(clock.instant().toString());
                });
        assertThat(operator.dataPoints("tokenscale_pool_signal", ns, "pool")).isEmpty();
        assertThat(operator.dataPoints("tokenscale_prometheus_query_errors", ns, "pool")).isNotEmpty();
    }

    @Test
    void aMissingTargetSetsTheConditionAndRecoversOnceTheTargetIsCreated() {
        signals.pool(ns, "pool").healthy();
        create(TestPools.deploymentPool(ns, "pool", "llama", 1, 5));

        InferencePoolStatus missing = awaitStatus(s -> condition(s, "Ready") != null);
        assertThat(condition(missing, "Ready").getStatus()).isEqualTo("False");
        assertThat(condition(missing, "Ready").getReason()).isEqualTo("TargetNotFound");
        assertThat(condition(missing, "Ready").getMessage()).contains("llama");
        assertThat(await().atMost(WAIT).until(() -> cluster.events(ns, "TargetNotFound"), e -> !e.isEmpty())).hasSize(1);

        cluster.createDeployment(ns, "llama", 2);

        InferencePoolStatus found = awaitStatus(s -> "True".equals(condition(s, "Ready").getStatus()));
        assertThat(found.getReplicas()).isEqualTo(2);
        assertThat(found.getLastDecision().getReason()).isEqualTo("within_target");
    }

    @Test
    void aManualScaleBeyondMaxIsClampedToMax() {
        cluster.createDeployment(ns, "llama", 7);
        signals.pool(ns, "pool").healthy();
        create(TestPools.deploymentPool(ns, "pool", "llama", 1, 5));

        InferencePoolStatus status = awaitStatus(s -> s.getLastDecision() != null && "out_of_bounds".equals(s.getLastDecision().getReason()));

        assertThat(cluster.deploymentReplicas(ns, "llama")).isEqualTo(5);
        assertThat(status.getLastDecision().getFrom()).isEqualTo(7);
        assertThat(status.getDesiredReplicas()).isEqualTo(5);
    }

    @Test
    void recommendModeReportsTheRecommendationAndNeverPatchesTheTarget() {
        cluster.createDeployment(ns, "llama", 2);
        signals.pool(ns, "pool").healthy().set(Signal.TTFT_P99_MS, 900);
        InferencePool pool = TestPools.deploymentPool(ns, "pool", "llama", 1, 5);
        pool.getSpec().setMode(PoolMode.RECOMMEND);
        create(pool);

        InferencePoolStatus status = awaitStatus(s -> s.getRecommendedReplicas() != null && s.getRecommendedReplicas() == 3);
        assertThat(condition(status, "ScalingActive").getStatus()).isEqualTo("False");
        assertThat(condition(status, "ScalingActive").getReason()).isEqualTo("RecommendOnly");

        clock.advance(Duration.ofMinutes(10));
        awaitEvaluationsAfter(clock.instant());
        assertThat(cluster.deploymentReplicas(ns, "llama")).isEqualTo(2);
        assertThat(cluster.scale().scaleWrites()).noneMatch(w -> w.path().contains("/namespaces/" + ns + "/"));
        assertThat(cluster.events(ns, "Recommendation")).singleElement()
                .satisfies(e -> assertThat(e.getMessage()).contains("Recommend 3 replicas").contains("it has 2"));
    }

    @Test
    void aStatefulSetTargetScalesThroughItsScaleSubresource() {
        cluster.createStatefulSet(ns, "sglang", 1);
        signals.pool(ns, "pool").healthy().set(Signal.UTILIZATION_PERCENT, 95);
        create(TestPools.pool(ns, "pool", "apps/v1", "StatefulSet", "sglang", 1, 3));

        InferencePoolStatus status = awaitStatus(s -> s.getDesiredReplicas() != null && s.getDesiredReplicas() == 2);

        assertThat(status.getLastDecision().getReason()).isEqualTo("high_utilization");
        assertThat(cluster.client().apps().statefulSets().inNamespace(ns).withName("sglang").get().getSpec().getReplicas()).isEqualTo(2);
        assertThat(cluster.scale().scaleWrites()).anyMatch(w -> w.path().equals("/apis/apps/v1/namespaces/" + ns + "/statefulsets/sglang/scale"));
    }

    @Test
    void aSpecTheSchemaShouldHaveRefusedSetsInvalidSpecTakesNoActionAndRecoversWhenFixed() {
        cluster.createDeployment(ns, "llama", 2);
        signals.pool(ns, "pool").healthy().set(Signal.TTFT_P99_MS, 900);
        InferencePool pool = TestPools.deploymentPool(ns, "pool", "llama", 1, 5);
        pool.getSpec().setEvaluationInterval("soon");
        create(pool);

        InferencePoolStatus invalid = awaitStatus(s -> condition(s, "Ready") != null);
        assertThat(condition(invalid, "Ready").getReason()).isEqualTo("InvalidSpec");
        assertThat(condition(invalid, "Ready").getMessage()).startsWith("spec.evaluationInterval");
        assertThat(await().atMost(WAIT).until(() -> cluster.events(ns, "InvalidSpec"), e -> !e.isEmpty()))
                .singleElement().satisfies(e -> assertThat(e.getType()).isEqualTo("Warning"));
        assertThat(cluster.deploymentReplicas(ns, "llama")).isEqualTo(2);
        assertThat(cluster.scale().scaleWrites()).noneMatch(w -> w.path().contains("/namespaces/" + ns + "/"));

        InferencePool fixed = cluster.pool(ns, "pool");
        fixed.getSpec().setEvaluationInterval("1s");
        cluster.client().resource(fixed).update();

        awaitStatus(s -> "True".equals(condition(s, "Ready").getStatus()) && s.getDesiredReplicas() == 3);
        assertThat(cluster.deploymentReplicas(ns, "llama")).isEqualTo(3);
    }

    @Test
    void aMaxStepUpOf2147483647ThatTheMockLetsThroughNeverReachesTheScaleSubresource() {
        cluster.createDeployment(ns, "llama", 2);
        signals.pool(ns, "pool").healthy().set(Signal.TTFT_P99_MS, 900);
        InferencePool pool = TestPools.deploymentPool(ns, "pool", "llama", 1, 5);
        ScalingSpec scaling = new ScalingSpec();
        scaling.setMaxStepUp(Integer.MAX_VALUE);
        pool.getSpec().setScaling(scaling);
        create(pool);

        InferencePoolStatus invalid = awaitStatus(s -> condition(s, "Ready") != null);
        assertThat(condition(invalid, "Ready").getReason()).isEqualTo("InvalidSpec");
        assertThat(condition(invalid, "Ready").getMessage())
                .isEqualTo("spec.scaling.maxStepUp: 2147483647 is above the maximum of 1000");
        assertThat(cluster.deploymentReplicas(ns, "llama")).isEqualTo(2);
        assertThat(cluster.scale().scaleWrites()).noneMatch(w -> w.path().contains("/namespaces/" + ns + "/"));
    }

    @Test
    void aLastScaleUpTimeIn2099CostsOneCooldownWithAWarningNotSeventyThreeYears() {
        cluster.createDeployment(ns, "llama", 2);
        signals.pool(ns, "pool").healthy();
        create(TestPools.deploymentPool(ns, "pool", "llama", 1, 5));
        awaitStatus(s -> s.getLastDecision() != null && s.getReadyReplicas() != null && s.getReadyReplicas() == 2);
        // A steady pool's status does not change, so the operator does not write it back over this edit.
        cluster.client().resources(InferencePool.class).inNamespace(ns).withName("pool").editStatus(p -> {
            p.getStatus().setLastScaleUpTime("2099-01-01T00:00:00Z");
            return p;
        });
        signals.pool(ns, "pool").set(Signal.TTFT_P99_MS, 900);

        assertThat(await().atMost(WAIT).until(() -> cluster.events(ns, "InvalidScaleTime"), e -> !e.isEmpty()))
                .first().satisfies(e -> {
                    assertThat(e.getType()).isEqualTo("Warning");
                    assertThat(e.getMessage()).startsWith("status.lastScaleUpTime 2099-01-01T00:00:00Z is ")
                            .endsWith("in the future, beyond the 1m clock-skew allowance, so it is treated as now.");
                });
        InferencePoolStatus held = awaitStatus(s -> s.getLastDecision().getMessage().contains("2099"));
        assertThat(held.getLastDecision().getReason()).isEqualTo("cooldown");
        assertThat(held.getLastDecision().getMessage()).contains("Note: lastScaleUpTime 2099-01-01T00:00:00Z is");
        assertThat(held.getLastScaleUpTime()).isEqualTo(clock.instant().toString());
        assertThat(cluster.deploymentReplicas(ns, "llama")).isEqualTo(2);

        clock.advance(Duration.ofSeconds(61));

        awaitStatus(s -> s.getDesiredReplicas() == 3);
        assertThat(cluster.deploymentReplicas(ns, "llama")).isEqualTo(3);
    }

    @Test
    void aDeletedPoolLosesItsMetricSeriesAndRememberedState() {
        cluster.createDeployment(ns, "llama", 2);
        signals.pool(ns, "pool").healthy();
        InferencePool created = create(TestPools.deploymentPool(ns, "pool", "llama", 1, 5));
        // Metrics follow the status write; the first evaluation may also precede the pods (no signals yet).
        await().atMost(WAIT).until(() -> operator.dataPoints("tokenscale_pool_signal", ns, "pool").size() == 5);
        assertThat(operator.dataPoints("tokenscale_pool_replicas", ns, "pool")).singleElement()
                .satisfies(p -> assertThat(((io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot) p).getValue()).isEqualTo(2.0));
        assertThat(operator.dataPoints("tokenscale_pool_cost_per_hour_dollars", ns, "pool")).hasSize(1);
        assertThat(operator.dataPoints("tokenscale_scaling_decisions", ns, "pool")).isNotEmpty();
        assertThat(operator.operator().reconciler().remembers(created.getMetadata().getUid())).isTrue();

        cluster.client().resource(created).delete();

        await().atMost(WAIT).until(() -> !operator.operator().reconciler().remembers(created.getMetadata().getUid()));
        for (String metric : List.of("tokenscale_pool_replicas", "tokenscale_pool_desired_replicas", "tokenscale_pool_signal",
                "tokenscale_pool_cost_per_hour_dollars", "tokenscale_pool_cost_per_million_tokens_dollars",
                "tokenscale_scaling_decisions", "tokenscale_reconcile_duration_seconds")) {
            assertThat(operator.dataPoints(metric, ns, "pool")).as(metric).isEmpty();
        }
    }

    private InferencePool create(InferencePool pool) {
        return cluster.client().resource(pool).create();
    }

    private InferencePoolStatus awaitStatus(Predicate<InferencePoolStatus> condition) {
        return await().atMost(WAIT).ignoreExceptions()
                .until(() -> cluster.pool(ns, "pool").getStatus(), s -> s != null && condition.test(s));
    }

    /** Waits until the pool has been evaluated at or after this clock time, twice, so a hold is a hold. */
    private void awaitEvaluationsAfter(Instant instant) {
        int before = signals.requests(ns, "pool").size();
        await().atMost(WAIT).until(() -> signals.requests(ns, "pool").size() >= before + 2);
        // Status is written only on a visible change; the metric has every evaluation's time.
        await().atMost(WAIT).until(() -> operator.lastEvaluation(ns, "pool").filter(t -> !t.isBefore(instant)).isPresent());
    }

    private static Condition condition(InferencePoolStatus status, String type) {
        return status.getConditions() == null ? null
                : status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }
}
