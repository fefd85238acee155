package dev.tokenscale.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenscale.api.InferencePool;
import dev.tokenscale.api.InferencePoolStatus;
import dev.tokenscale.api.ScalingSpec;
import dev.tokenscale.policy.Signal;
import dev.tokenscale.testing.FakeSignalReader;
import dev.tokenscale.testing.MockCluster;
import dev.tokenscale.testing.MutableClock;
import dev.tokenscale.testing.OperatorUnderTest;
import dev.tokenscale.testing.TestPools;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The operator times each scale-up from its /scale write to all ordered replicas ready, on the clock it is given. */
class ColdStartLearningTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aScaleUpIsTimedUntilTheOrderedReplicasAreReadyAndTheMeasureSurvivesARestart() {
        MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
        FakeSignalReader signals = new FakeSignalReader(clock);
        signals.pool("llm", "pool").healthy().set(Signal.TTFT_P99_MS, 900);
        try (MockCluster cluster = new MockCluster()) {
            cluster.createDeployment("llm", "llama", 2);
            ready(cluster, 2);
            InferencePool pool = TestPools.deploymentPool("llm", "pool", "llama", 1, 5);
            ScalingSpec scaling = new ScalingSpec();
            scaling.setColdStartHint("90s");
            pool.getSpec().setScaling(scaling);
            cluster.client().resource(pool).create();

            try (OperatorUnderTest first = OperatorUnderTest.start(cluster, signals, clock)) {
                InferencePoolStatus ordered = awaitStatus(cluster, s -> s.getReplicas() != null && s.getReplicas() == 3);
                assertThat(ordered.getLearned().getColdStartSeconds()).as("the hint, until three are measured").isEqualTo(90.0);
                assertThat(ordered.getLearned().getColdStartSamples()).isZero();
                signals.pool("llm", "pool").set(Signal.TTFT_P99_MS, 300);

                clock.advance(Duration.ofSeconds(100));
                ready(cluster, 3);

                InferencePoolStatus measured = awaitStatus(cluster,
                        s -> s.getLearned().getColdStartSamples() != null && s.getLearned().getColdStartSamples() == 1);
                assertThat(measured.getLearned().getRecentColdStartSeconds()).containsExactly(100.0);
                assertThat(measured.getLearned().getColdStartSeconds()).as("still the hint with one sample").isEqualTo(90.0);
                assertThat(first.metrics().registry().scrape().stream()
                        .filter(m -> m.getMetadata().getName().equals("tokenscale_pool_cold_start_seconds")).toList())
                        .isNotEmpty();
            }
            clock.advance(Duration.ofSeconds(30));

            try (OperatorUnderTest second = OperatorUnderTest.start(cluster, signals, clock)) {
                await().atMost(WAIT).until(() -> second.lastEvaluation("llm", "pool").isPresent());
                InferencePoolStatus restored = cluster.pool("llm", "pool").getStatus();
                assertThat(restored.getLearned().getColdStartSamples()).isEqualTo(1);
                assertThat(restored.getLearned().getRecentColdStartSeconds()).isEqualTo(List.of(100.0));
            }
        }
    }

    private static void ready(MockCluster cluster, int replicas) {
        cluster.client().apps().deployments().inNamespace("llm").withName("llama").subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE),
                        "{\"status\":{\"replicas\":" + replicas + ",\"readyReplicas\":" + replicas + "}}");
    }

    private static InferencePoolStatus awaitStatus(MockCluster cluster, Predicate<InferencePoolStatus> condition) {
        return await().atMost(WAIT).ignoreExceptions()
                .until(() -> cluster.pool("llm", "pool").getStatus(), s -> s != null && s.getLearned() != null && condition.test(s));
    }
}
