package dev.tokenscale.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenscale.api.InferencePool;
import dev.tokenscale.api.InferencePoolStatus;
import dev.tokenscale.api.LearnedBurst;
import dev.tokenscale.api.LearnedStatus;
import dev.tokenscale.api.ScalingPolicyType;
import dev.tokenscale.api.ScalingSpec;
import dev.tokenscale.policy.Signal;
import dev.tokenscale.testing.FakeSignalReader;
import dev.tokenscale.testing.MockCluster;
import dev.tokenscale.testing.MutableClock;
import dev.tokenscale.testing.OperatorUnderTest;
import dev.tokenscale.testing.TestPools;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An operator started over pools that a previous one evaluated: what it wrote to status.learned about
 * recurring bursts makes it hold for the next burst at once, instead of waiting to see two more.
 */
class BurstHoldRestartTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aRestartedOperatorHoldsForTheBurstsItsPredecessorWroteToStatus() {
        MutableClock clock = MutableClock.at(NOW.toString());
        FakeSignalReader signals = new FakeSignalReader(clock);
        try (MockCluster cluster = new MockCluster()) {
            // The same quiet pool twice: 2 rps, far below one replica's 14; one remembers two bursts.
            adaptivePool(cluster, signals, "bursty", learned(true));
            adaptivePool(cluster, signals, "quiet", learned(false));

            try (OperatorUnderTest restarted = OperatorUnderTest.start(cluster, signals, clock)) {
                // ceil(660 replica-seconds / (120 s cold start + the 30 s signal window)) = ceil(4.4) = 5
                await().atMost(WAIT).until(() -> cluster.deploymentReplicas("bursty", "llama") == 5);
                InferencePoolStatus quiet = await().atMost(WAIT).ignoreExceptions().until(
                        () -> cluster.pool("quiet", "pool").getStatus(), s -> s != null && s.getLastDecision() != null);

                assertThat(cluster.deploymentReplicas("quiet", "llama")).as("without the bursts it keeps what it has").isEqualTo(2);
                assertThat(quiet.getLearned().getRecentBursts()).isNull();
                InferencePoolStatus bursty = cluster.pool("bursty", "pool").getStatus();
                assertThat(bursty.getLastDecision().getMessage()).contains("recent bursts");
                assertThat(bursty.getLearned().getRecentBursts()).as("kept for the next restart")
                        .extracting(LearnedBurst::getWorkReplicaSeconds).containsExactly(600.0, 660.0);
            }
        }
    }

    private static void adaptivePool(MockCluster cluster, FakeSignalReader signals, String namespace, LearnedStatus learned) {
        cluster.createDeployment(namespace, "llama", 2);
        signals.pool(namespace, "pool").healthy().set(Signal.UTILIZATION_PERCENT, 10).set(Signal.REQUEST_RATE, 2);
        InferencePool pool = TestPools.deploymentPool(namespace, "pool", "llama", 1, 8);
        ScalingSpec scaling = new ScalingSpec();
        scaling.setPolicy(ScalingPolicyType.ADAPTIVE);
        pool.getSpec().setScaling(scaling);
        pool.getSpec().getMetrics().setWindow("30s");
        cluster.client().resource(pool).create();
        cluster.client().resources(InferencePool.class).inNamespace(namespace).withName("pool").editStatus(p -> {
            InferencePoolStatus status = new InferencePoolStatus();
            status.setLearned(learned);
            p.setStatus(status);
            return p;
        });
    }

    /** 20 rps a replica learned from 10 samples, cold starts of 120 s, and two bursts 8 minutes apart if {@code bursts}. */
    private static LearnedStatus learned(boolean bursts) {
        LearnedStatus learned = new LearnedStatus();
        learned.setCapacityRequestsPerSecond(20.0);
        learned.setSamples(10L);
        learned.setRecentSamples(List.of(20.0, 20.0, 20.0, 20.0, 20.0, 20.0, 20.0, 20.0, 20.0, 20.0));
        learned.setUpdatedTime(NOW.minusSeconds(600).toString());
        learned.setColdStartSeconds(120.0);
        learned.setColdStartSamples(3L);
        learned.setRecentColdStartSeconds(List.of(120.0, 120.0, 120.0));
        if (bursts) {
            learned.setRecentBursts(List.of(burst(NOW.minusSeconds(600), 600), burst(NOW.minusSeconds(120), 660)));
        }
        return learned;
    }

    private static LearnedBurst burst(Instant start, double work) {
        LearnedBurst burst = new LearnedBurst();
        burst.setStart(start.toString());
        burst.setEnd(start.plusSeconds(120).toString());
        burst.setDurationSeconds(60.0);
        burst.setWorkReplicaSeconds(work);
        return burst;
    }
}
