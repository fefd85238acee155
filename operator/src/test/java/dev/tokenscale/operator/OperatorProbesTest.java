package dev.tokenscale.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenscale.testing.DeployRbac;
import dev.tokenscale.testing.FakeSignalReader;
import dev.tokenscale.testing.MockCluster;
import dev.tokenscale.testing.MutableClock;
import dev.tokenscale.testing.OperatorUnderTest;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What /readyz and /healthz say when the API server refuses the operator or cannot be reached. */
class OperatorProbesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aReplicaThatCannotListItsPoolsIsNotReadyAndSaysWhy() {
        MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
        try (MockCluster cluster = new MockCluster(DeployRbac.load().withoutVerb("tokenscale.dev", "inferencepools", "list"))) {
            cluster.audit().expectDenials();
            long startedAt = System.nanoTime();
            try (OperatorUnderTest operator = OperatorUnderTest.start(cluster, new FakeSignalReader(clock), clock)) {
                assertThat(Duration.ofNanos(System.nanoTime() - startedAt))
                        .as("a forbidden list holds the start for the cache-sync timeout, not JOSDK's default 2 minutes")
                        .isLessThan(Duration.ofSeconds(60));
                await().atMost(WAIT).until(() -> operator.operator().readiness().message()
                        .equals("cannot list inferencepools: 403 Forbidden"));
                assertThat(operator.operator().readiness().ok()).isFalse();
                assertThat(operator.operator().liveness().ok()).as("a restart would not fix RBAC").isTrue();
            }
        }
    }

    @Test
    void anUnreachableApiServerMakesTheOperatorUnreadyAtOnceAndUnhealthyOnlyAfterTheThreshold() {
        MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
        MockCluster cluster = new MockCluster();
        OperatorOptions options = new OperatorOptions(URI.create("http://127.0.0.1:9"), Set.of(), false, null, "operator-a",
                Duration.ofMinutes(5), Duration.ofMinutes(2));
        try (OperatorUnderTest operator = OperatorUnderTest.start(cluster, new FakeSignalReader(clock), clock, options)) {
            await().atMost(WAIT).until(() -> operator.operator().readiness().ok());
            assertThat(operator.operator().readiness().message()).isEqualTo("ok");

            cluster.close();

            await().atMost(WAIT).until(() -> operator.operator().readiness().message().startsWith("API server unreachable for "));
            assertThat(operator.operator().liveness()).isEqualTo(ProbeAnswer.ok("ok"));
            clock.advance(Duration.ofMinutes(2));
            assertThat(operator.operator().liveness().ok()).as("exactly the threshold is still live").isTrue();
            clock.advance(Duration.ofSeconds(1));
            assertThat(operator.operator().liveness()).isEqualTo(
                    ProbeAnswer.failing("API server unreachable for 2m1s, longer than --unhealthy-after 2m"));
        }
    }
}
