package dev.tokenscale.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenscale.policy.Signal;
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

class LeaderElectionTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void onlyTheLeaseHolderIsReadyAndScalesAndTheOtherSaysWhoHoldsIt() {
        MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
        FakeSignalReader signals = new FakeSignalReader(clock);
        signals.pool("llm", "pool").healthy().set(Signal.TTFT_P99_MS, 900);
        try (MockCluster cluster = new MockCluster();
                OperatorUnderTest first = OperatorUnderTest.start(cluster, signals, clock, electing("operator-a"))) {
            await().atMost(WAIT).until(() -> first.operator().isReady());
            Lease lease = cluster.client().leases().inNamespace("tokenscale-system").withName(OperatorOptions.LEASE_NAME).get();
            assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("operator-a");

            try (OperatorUnderTest second = OperatorUnderTest.start(cluster, signals, clock, electing("operator-b"))) {
                cluster.createDeployment("llm", "llama", 2);
                cluster.client().resource(TestPools.deploymentPool("llm", "pool", "llama", 1, 5)).create();

                await().atMost(WAIT).until(() -> cluster.deploymentReplicas("llm", "llama") == 3);
                // The decision is counted after the write and the status; wait for it rather than race it.
                await().atMost(WAIT).until(() -> !first.dataPoints("tokenscale_scaling_decisions", "llm", "pool").isEmpty());
                assertThat(second.operator().readiness()).isEqualTo(ProbeAnswer.failing("not leader: lease held by operator-a"));
                assertThat(second.operator().isLive()).isTrue();
                await().atMost(WAIT).until(() -> cluster.events("tokenscale-system", "NotLeader").stream()
                        .anyMatch(e -> e.getMessage().startsWith("not leader: lease held by operator-a; operator-b waits")));
                assertThat(second.dataPoints("tokenscale_scaling_decisions")).isEmpty();
            }
        }
    }

    private static OperatorOptions electing(String identity) {
        return new OperatorOptions(URI.create("http://127.0.0.1:9"), Set.of(), true, "tokenscale-system", identity,
                Duration.ofMinutes(5));
    }
}
