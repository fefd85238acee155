package dev.tokenscale.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenscale.api.InferencePool;
import dev.tokenscale.api.PoolMode;
import dev.tokenscale.policy.Signal;
import dev.tokenscale.signals.SignalPoll;
import dev.tokenscale.signals.SignalReader;
import dev.tokenscale.signals.SignalReport;
import dev.tokenscale.signals.SignalRequest;
import dev.tokenscale.testing.FakeSignalReader;
import dev.tokenscale.testing.MockCluster;
import dev.tokenscale.testing.MutableClock;
import dev.tokenscale.testing.OperatorUnderTest;
import dev.tokenscale.testing.TestPools;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * An evaluation whose signals are still on their way (a batch not landed yet) holds no reconcile
 * thread and writes nothing: the pool comes back when the reader says, and is evaluated then.
 */
class PendingSignalsTest {

    private static final String NS = "pending";
    private static final Duration RETRY = Duration.ofMillis(200);

    @Test
    void aPoolWhoseSignalsAreOnTheirWayIsEvaluatedWhenTheyLandNotAtItsNextIntervalAndWritesNothingBefore() {
        MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
        FakeSignalReader fake = new FakeSignalReader(clock);
        fake.pool(NS, "pool").healthy().set(Signal.UTILIZATION_PERCENT, 42.0);
        LandsOnTheFourthPoll signals = new LandsOnTheFourthPoll(fake);
        try (MockCluster cluster = new MockCluster();
                OperatorUnderTest operator = OperatorUnderTest.start(cluster, signals, clock)) {
            signals.cluster = cluster;
            cluster.createDeployment(NS, "llama", 2);
            await("the stand-in controller made the pods").atMost(Duration.ofSeconds(20))
                    .until(() -> cluster.client().pods().inNamespace(NS).list().getItems().size() == 2);
            InferencePool pool = TestPools.deploymentPool(NS, "pool", "llama", 1, 5);
            pool.getSpec().setMode(PoolMode.RECOMMEND);
            pool.getSpec().setEvaluationInterval("10m");
            cluster.client().resource(pool).create();

            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> cluster.pool(NS, "pool").getStatus(),
                    s -> s != null && s.getSignals() != null && Double.valueOf(42.0).equals(s.getSignals().getUtilizationPercent()));

            assertThat(signals.polls).hasValue(4);
            assertThat(signals.statusWhilePending).as("status written while the signals were on their way")
                    .hasSize(3).containsOnly(false);
            assertThat(operator.lastEvaluation(NS, "pool")).contains(clock.instant());
        }
    }

    /** Pending three times, each with {@link #RETRY}, then the fake's signals. */
    private static final class LandsOnTheFourthPoll implements SignalReader {
        private final FakeSignalReader fake;
        private final AtomicInteger polls = new AtomicInteger();
        private final List<Boolean> statusWhilePending = new CopyOnWriteArrayList<>();
        private volatile MockCluster cluster;

        LandsOnTheFourthPoll(FakeSignalReader fake) {
            this.fake = fake;
        }

        @Override
        public SignalReport read(SignalRequest request) {
            return fake.read(request);
        }

        @Override
        public SignalPoll poll(SignalRequest request, Duration maxAge) {
            if (polls.incrementAndGet() <= 3) {
                statusWhilePending.add(cluster.pool(NS, "pool").getStatus() != null);
                return new SignalPoll.Pending(RETRY, "a batch in flight");
            }
            return new SignalPoll.Ready(fake.read(request));
        }
    }
}
