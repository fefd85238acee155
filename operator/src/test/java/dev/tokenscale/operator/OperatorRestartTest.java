package dev.tokenscale.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenscale.api.InferencePoolStatus;
import dev.tokenscale.policy.Signal;
import dev.tokenscale.testing.FakeSignalReader;
import dev.tokenscale.testing.MockCluster;
import dev.tokenscale.testing.MutableClock;
import dev.tokenscale.testing.OperatorUnderTest;
import dev.tokenscale.testing.TestPools;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class OperatorRestartTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aRestartedOperatorKeepsTheScaleUpCooldownFromStatus() {
        MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
        FakeSignalReader signals = new FakeSignalReader(clock);
        signals.pool("llm", "pool").healthy().set(Signal.TTFT_P99_MS, 900);
        try (MockCluster cluster = new MockCluster()) {
            cluster.createDeployment("llm", "llama", 2);
            cluster.client().resource(TestPools.deploymentPool("llm", "pool", "llama", 1, 5)).create();

            try (OperatorUnderTest first = OperatorUnderTest.start(cluster, signals, clock)) {
                awaitStatus(cluster, s -> s.getDesiredReplicas() != null && s.getDesiredReplicas() == 3);
            }
            clock.advance(Duration.ofSeconds(30));

            try (OperatorUnderTest second = OperatorUnderTest.start(cluster, signals, clock)) {
                await().atMost(WAIT).until(() -> second.lastEvaluation("llm", "pool").isPresent());
                InferencePoolStatus held = awaitStatus(cluster, s -> "cooldown".equals(s.getLastDecision().getReason()));
                assertThat(held.getLastScaleUpTime()).isEqualTo("2026-01-01T00:00:00Z");
                assertThat(cluster.deploymentReplicas("llm", "llama")).isEqualTo(3);

                clock.advance(Duration.ofSeconds(31));

                awaitStatus(cluster, s -> s.getDesiredReplicas() == 4);
                assertThat(cluster.deploymentReplicas("llm", "llama")).isEqualTo(4);
            }
        }
    }

    private static InferencePoolStatus awaitStatus(MockCluster cluster, Predicate<InferencePoolStatus> condition) {
        return await().atMost(WAIT).ignoreExceptions()
                .until(() -> cluster.pool("llm", "pool").getStatus(), s -> s != null && condition.test(s));
    }
}
