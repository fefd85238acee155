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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * An evaluation whose signals are still on their way (a batch not landed yet) holds no reconcile
 * thread and writes nothing: the pool is evaluated when they land, not at its next interval.
 */
class PendingSignalsTest {

    private static final String NS = "pending";
    /** Far beyond the test's waits: only the arrivals can bring the pool back in time. */
    private static final Duration BACKSTOP = Duration.ofMinutes(10);

    @Test
    void aPoolWhoseSignalsAreOnTheirWayIsEvaluatedWhenTheyLandNotAtItsNextIntervalAndWritesNothingBefore() {
        MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
        FakeSignalReader fake = new FakeSignalReader(clock);
        fake.pool(NS, "pool").healthy().set(Signal.UTILIZATION_PERCENT, 42.0);
        LandsOnTheFourthPoll signals = new LandsOnTheFourthPoll(fake);
        try (MockCluster cluster = new MockCluster();
                OperatorUnderTest operator = OperatorUnderTest.start(cluster, signals, clock)) {
            cluster.createDeployment(NS, "llama", 2);
            await("the stand-in controller made the pods").atMost(Duration.ofSeconds(20))
                    .until(() -> cluster.client().pods().inNamespace(NS).list().getItems().size() == 2);
            InferencePool pool = TestPools.deploymentPool(NS, "pool", "llama", 1, 5);
            pool.getSpec().setMode(PoolMode.RECOMMEND);
            pool.getSpec().setEvaluationInterval("10m");
            cluster.client().resource(pool).create();
            for (int landing = 0; landing < 3; landing++) {
                int polled = landing + 1;
                await("poll " + polled).atMost(Duration.ofSeconds(20)).until(() -> signals.polls.get() == polled);
                assertThat(cluster.pool(NS, "pool").getStatus()).as("status while the signals are on their way").isNull();
                signals.arrivals.get(landing).complete(null);
            }

            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> cluster.pool(NS, "pool").getStatus(),
                    s -> s != null && s.getSignals() != null && Double.valueOf(42.0).equals(s.getSignals().getUtilizationPercent()));

            assertThat(signals.polls).hasValue(4);
            assertThat(operator.lastEvaluation(NS, "pool")).contains(clock.instant());
        }
    }

    /** Pending three times, each landing when the test says, then the fake's signals. */
    private static final class LandsOnTheFourthPoll implements SignalReader {
        private final FakeSignalReader fake;
        private final AtomicInteger polls = new AtomicInteger();
        private final List<CompletableFuture<Void>> arrivals = List.of(new CompletableFuture<>(), new CompletableFuture<>(),
                new CompletableFuture<>());

        LandsOnTheFourthPoll(FakeSignalReader fake) {
            this.fake = fake;
        }

        @Override
        public SignalReport read(SignalRequest request) {
            return fake.read(request);
        }

        @Override
        public SignalPoll poll(SignalRequest request, Duration maxAge) {
            int poll = polls.incrementAndGet();
            if (poll <= 3) {
                return new SignalPoll.Pending(arrivals.get(poll - 1), BACKSTOP, "a batch in flight");
            }
            return new SignalPoll.Ready(fake.read(request));
        }
    }
}
