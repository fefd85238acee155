package dev.tokenscale.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenscale.api.InferencePool;
import dev.tokenscale.testing.MutableClock;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * When an informer that could not start is tried again: on the operator's clock, backing off, one attempt at a time;
 * and how long a cache whose watch ended is still read.
 */
class InformerSlotTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private final AtomicInteger attempts = new AtomicInteger();

    /** JOSDK refusing every registration, as when the API server cannot be reached at start. */
    private final InformerSlot.Registry failing = new InformerSlot.Registry() {
        @Override
        public void register(InformerEventSource<? extends HasMetadata, InferencePool> source) {
            attempts.incrementAndGet();
            throw new IllegalStateException("connection refused");
        }

        @Override
        public void deregister(String name) {
        }
    };

    /** JOSDK taking every registration. */
    private final InformerSlot.Registry accepting = new InformerSlot.Registry() {
        @Override
        public void register(InformerEventSource<? extends HasMetadata, InferencePool> source) {
            attempts.incrementAndGet();
        }

        @Override
        public void deregister(String name) {
        }
    };

    @Test
    void aStartThatKeepsFailingIsTriedAgainAfterOneMinuteDoublingToTenAndNeverSooner() {
        InformerSlot slot = new InformerSlot("Pod@llm", "pods in namespace llm", "/api/v1/namespaces/llm/pods",
                () -> null, failing, new ListWatchRefusals(), clock);
        assertThat(slot.cache()).isNull();
        await().atMost(WAIT).until(() -> slot.state() == InformerSlot.State.DROPPED);

        List<Long> waits = new ArrayList<>();
        for (int retry = 1; retry <= 6; retry++) {
            int before = attempts.get();
            long waited = 0;
            while (attempts.get() == before) {
                // Every evaluation asks; only the clock decides when the slot tries again.
                clock.advance(Duration.ofSeconds(30));
                waited += 30;
                assertThat(slot.cache()).isNull();
                assertThat(slot.cache()).isNull();
                await().atMost(WAIT).until(() -> slot.state() == InformerSlot.State.DROPPED);
            }
            assertThat(attempts.get()).as("one attempt per due time").isEqualTo(before + 1);
            waits.add(waited);
        }

        assertThat(waits).as("seconds of clock between attempts").containsExactly(60L, 120L, 240L, 480L, 600L, 600L);
    }

    @Test
    void aCacheWhoseWatchEndedIsReadForThirtySecondsWhileItWatchesAgainThenThePoolsReadThroughTheApi() {
        AtomicBoolean watching = new AtomicBoolean(true);
        InformerSlot slot = new InformerSlot("Pod@llm", "pods in namespace llm", "/api/v1/namespaces/llm/pods",
                () -> null, accepting, new ListWatchRefusals(), clock, source -> watching.get());
        slot.cache();
        await().atMost(WAIT).until(() -> slot.state() == InformerSlot.State.CACHED);

        watching.set(false);
        slot.cache();
        clock.advance(InformerSlot.REWATCH_GRACE.minusMillis(1));
        slot.cache();
        assertThat(slot.state()).as("within the grace, its pools still read the cache").isEqualTo(InformerSlot.State.CACHED);
        clock.advance(Duration.ofMillis(1));
        slot.cache();
        assertThat(slot.state()).as("too long without a watch").isEqualTo(InformerSlot.State.SYNCING);

        watching.set(true);
        slot.cache();
        assertThat(slot.state()).isEqualTo(InformerSlot.State.CACHED);
        watching.set(false);
        clock.advance(Duration.ofMinutes(5));
        slot.cache();
        clock.advance(InformerSlot.REWATCH_GRACE.minusMillis(1));
        slot.cache();
        assertThat(slot.state()).as("a new grace for a watch that ended again").isEqualTo(InformerSlot.State.CACHED);
    }

    @Test
    void aReleasedSlotStartsNothingMore() {
        InformerSlot slot = new InformerSlot("Pod@llm", "pods in namespace llm", "/api/v1/namespaces/llm/pods",
                () -> null, failing, new ListWatchRefusals(), clock);
        slot.cache();
        await().atMost(WAIT).until(() -> slot.state() == InformerSlot.State.DROPPED);

        slot.release(true);
        clock.advance(Duration.ofHours(1));

        assertThat(slot.cache()).isNull();
        assertThat(slot.state()).isEqualTo(InformerSlot.State.RELEASED);
        assertThat(attempts.get()).isEqualTo(1);
    }

    @Test
    void aStoppingOperatorWaitsForARegistrationInFlightToEndButNoLongerThanItsWait() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch listed = new CountDownLatch(1);
        AtomicBoolean ended = new AtomicBoolean();
        // JOSDK's register waits for the informer's first list; the client must stay open until it ends.
        InformerSlot.Registry listing = new InformerSlot.Registry() {
            @Override
            public void register(InformerEventSource<? extends HasMetadata, InferencePool> source) {
                entered.countDown();
                try {
                    listed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ended.set(true);
            }

            @Override
            public void deregister(String name) {
            }
        };
        InformerSlot slot = new InformerSlot("Pod@llm", "pods in namespace llm", "/api/v1/namespaces/llm/pods",
                () -> null, listing, new ListWatchRefusals(), clock);
        slot.cache();
        assertThat(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        slot.release(false);

        slot.awaitRegistration(Duration.ofMillis(100));
        assertThat(ended).as("the wait is bounded: a list that hangs does not hold the shutdown").isFalse();

        listed.countDown();
        slot.awaitRegistration(WAIT);
        assertThat(ended).as("returns once the registration has ended").isTrue();
        assertThat(slot.state()).isEqualTo(InformerSlot.State.RELEASED);
    }
}
