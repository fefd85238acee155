package dev.tokenscale.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenscale.api.InferencePool;
import dev.tokenscale.api.InferencePoolStatus;
import dev.tokenscale.api.PoolMode;
import dev.tokenscale.policy.Signal;
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
 * Status is written only when something a user sees changes: the operator's requests to the mock
 * API server are counted, across evaluations whose clock moves on every time.
 */
class StatusOnChangeTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String NS = "steady";

    @Test
    void aSteadyPoolGetsNoStatusPatchAcrossEvaluationsAndOneWhenASignalMovesPastItsDisplayPrecision() {
        MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
        FakeSignalReader signals = new FakeSignalReader(clock);
        signals.pool(NS, "pool").healthy().set(Signal.UTILIZATION_PERCENT, 55.0);
        try (MockCluster cluster = new MockCluster();
                OperatorUnderTest operator = OperatorUnderTest.start(cluster, signals, clock)) {
            cluster.createDeployment(NS, "llama", 2);
            InferencePool pool = TestPools.deploymentPool(NS, "pool", "llama", 1, 5);
            pool.getSpec().setMode(PoolMode.RECOMMEND);
            cluster.client().resource(pool).create();
            awaitStatus(cluster, s -> s.getReadyReplicas() != null && s.getReadyReplicas() == 2
                    && s.getSignals() != null && Double.valueOf(55.0).equals(s.getSignals().getUtilizationPercent()));
            String firstTime = cluster.pool(NS, "pool").getStatus().getLastDecision().getTime();

            long settled = statusPatches(cluster);
            evaluationsWithTheClockMoving(operator, clock, 3);
            assertThat(statusPatches(cluster)).as("status patches while nothing shown changed").isEqualTo(settled);
            assertThat(operator.lastEvaluation(NS, "pool")).as("the metric has the latest evaluation").contains(clock.instant());
            assertThat(cluster.pool(NS, "pool").getStatus().getLastDecision().getTime()).isEqualTo(firstTime);

            signals.pool(NS, "pool").set(Signal.UTILIZATION_PERCENT, 55.04);
            evaluationsWithTheClockMoving(operator, clock, 2);
            assertThat(statusPatches(cluster)).as("a move below the 0.1 shown").isEqualTo(settled);

            signals.pool(NS, "pool").set(Signal.UTILIZATION_PERCENT, 55.2);
            awaitStatus(cluster, s -> Double.valueOf(55.2).equals(s.getSignals().getUtilizationPercent()));
            evaluationsWithTheClockMoving(operator, clock, 2);
            assertThat(statusPatches(cluster)).as("a move of 0.2").isEqualTo(settled + 1);
            assertThat(cluster.pool(NS, "pool").getStatus().getLastDecision().getTime()).isNotEqualTo(firstTime);
            assertThat(cluster.audit().calls()).as("a status write is one PATCH, with no GET of the pool before it")
                    .noneMatch(c -> "inferencepools".equals(c.resource()) && "get".equals(c.verb()));
            System.out.println("StatusOnChangeTest: " + settled + " status patches to settle, then "
                    + (statusPatches(cluster) - settled) + " over 7 evaluations with one visible change; "
                    + cluster.audit().calls().size() + " operator requests in all");
        }
    }

    private static long statusPatches(MockCluster cluster) {
        return cluster.audit().calls().stream()
                .filter(c -> "inferencepools/status".equals(c.resource()) && "patch".equals(c.verb()) && NS.equals(c.namespace()))
                .count();
    }

    /**
     * Each evaluation runs at a later clock time, so a status carrying the evaluation's time would
     * differ every time. The metric is recorded after the status write, so once it shows the clock's
     * time that evaluation's write, if any, has been made.
     */
    private static void evaluationsWithTheClockMoving(OperatorUnderTest operator, MutableClock clock, int count) {
        for (int i = 0; i < count; i++) {
            clock.advance(Duration.ofSeconds(1));
            Instant now = clock.instant();
            await().atMost(WAIT).until(() -> operator.lastEvaluation(NS, "pool").filter(now::equals).isPresent());
        }
    }

    private static InferencePoolStatus awaitStatus(MockCluster cluster, Predicate<InferencePoolStatus> condition) {
        return await().atMost(WAIT).ignoreExceptions()
                .until(() -> cluster.pool(NS, "pool").getStatus(), s -> s != null && condition.test(s));
    }
}
