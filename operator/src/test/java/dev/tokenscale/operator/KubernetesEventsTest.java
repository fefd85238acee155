package dev.tokenscale.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenscale.api.InferencePool;
import dev.tokenscale.testing.MockCluster;
import dev.tokenscale.testing.MutableClock;
import dev.tokenscale.testing.TestPools;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KubernetesEventsTest {

    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private MockCluster cluster;
    private KubernetesEvents events;
    private InferencePool pool;

    @BeforeEach
    void start() {
        cluster = new MockCluster();
        events = new KubernetesEvents(cluster.client(), clock, "test");
        pool = cluster.client().resource(TestPools.deploymentPool("llm", "pool", "llama", 1, 5)).create();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void recordsAnEventOnThePoolWithItsReasonTypeAndMessage() {
        events.record(pool, EventReason.TargetNotFound, "Scale target Deployment llm/llama not found");

        assertThat(cluster.events("llm")).singleElement().satisfies(e -> {
            assertThat(e.getReason()).isEqualTo("TargetNotFound");
            assertThat(e.getType()).isEqualTo("Warning");
            assertThat(e.getMessage()).isEqualTo("Scale target Deployment llm/llama not found");
            assertThat(e.getInvolvedObject().getKind()).isEqualTo("InferencePool");
            assertThat(e.getInvolvedObject().getUid()).isEqualTo(pool.getMetadata().getUid());
            assertThat(e.getCount()).isEqualTo(1);
        });
    }

    @Test
    void foldsIdenticalRepeatsAndRefreshesTheCountAtMostEveryFiveMinutes() {
        for (int i = 0; i < 10; i++) {
            events.record(pool, EventReason.ScalingHeld, "Holding Deployment/llama at 3 replicas: cooldown");
            clock.advance(Duration.ofSeconds(15));
        }
        assertThat(cluster.events("llm")).singleElement().satisfies(e -> assertThat(e.getCount()).isEqualTo(1));

        clock.advance(Duration.ofMinutes(5));
        events.record(pool, EventReason.ScalingHeld, "Holding Deployment/llama at 3 replicas: cooldown");

        assertThat(cluster.events("llm")).singleElement().satisfies(e -> {
            assertThat(e.getCount()).isEqualTo(11);
            assertThat(e.getLastTimestamp()).isEqualTo(clock.instant().toString());
        });
    }

    @Test
    void aDifferentMessageIsANewEvent() {
        events.record(pool, EventReason.ScaledUp, "Scaled Deployment/llama from 2 to 3 replicas");
        events.record(pool, EventReason.ScaledUp, "Scaled Deployment/llama from 3 to 4 replicas");

        assertThat(cluster.events("llm")).extracting(Event::getMessage).containsExactlyInAnyOrder(
                "Scaled Deployment/llama from 2 to 3 replicas", "Scaled Deployment/llama from 3 to 4 replicas");
    }

    @Test
    void anEventDeletedMeanwhileIsRecordedAnewOnTheNextRefresh() {
        events.record(pool, EventReason.MetricsUnavailable, "ttftP99Ms: error (timeout)");
        cluster.client().v1().events().inNamespace("llm").delete();
        clock.advance(Duration.ofMinutes(6));

        events.record(pool, EventReason.MetricsUnavailable, "ttftP99Ms: error (timeout)");

        assertThat(cluster.events("llm")).singleElement()
                .satisfies(e -> assertThat(e.getFirstTimestamp()).isEqualTo(clock.instant().toString()));
    }
}
