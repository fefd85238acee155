package dev.tokenscale.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenscale.api.InferencePool;
import dev.tokenscale.api.InferencePoolStatus;
import dev.tokenscale.signals.PrometheusSignalReader;
import dev.tokenscale.testing.FakePrometheusServer;
import dev.tokenscale.testing.FakePrometheusServer.Answer;
import dev.tokenscale.testing.HugeAnswerServer;
import dev.tokenscale.testing.MockCluster;
import dev.tokenscale.testing.MutableClock;
import dev.tokenscale.testing.OperatorUnderTest;
import dev.tokenscale.testing.TestPools;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A tenant points its pool at an endpoint that answers every query with 200 MB. The operator reads
 * at most its cap (1 MiB by default) of each answer, marks that pool's signals missing (malformed),
 * and keeps scaling the other pools; the heap stays flat.
 *
 * <p>Heap is measured twice: the used heap after a GC, before and after the run; and the peak of the
 * heap pools that hold long-lived and large objects (every pool but eden and survivor), where a
 * buffered answer lands as one large array. Eden is left out: its peak follows the collector's sizing,
 * not what the operator keeps.
 */
class HostileAnswerTest {

    private static final long HOSTILE_BODY = 200L * 1024 * 1024;
    private static final long MB = 1024 * 1024;

    @Test
    void aPoolWhosePrometheusSends200MbCostsOneMegabytePerAnswerAndTheOtherPoolStillScales() {
        MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
        try (HugeAnswerServer hostile = new HugeAnswerServer(HOSTILE_BODY);
                FakePrometheusServer honest = FakePrometheusServer.answering(query -> Answer.value(95));
                MockCluster cluster = new MockCluster()) {
            cluster.createDeployment("mallory", "llama", 2);
            cluster.createDeployment("alice", "llama", 2);
            long before = heapAfterGc();
            List<MemoryPoolMXBean> tenured = tenuredPools();
            tenured.forEach(MemoryPoolMXBean::resetPeakUsage);
            long tenuredBefore = tenured.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum();

            try (OperatorUnderTest operator = OperatorUnderTest.start(cluster, new PrometheusSignalReader(clock), clock)) {
                cluster.client().resource(pool("mallory", hostile.url().toString())).create();
                cluster.client().resource(pool("alice", honest.url().toString())).create();

                await().atMost(Duration.ofSeconds(30)).until(() -> cluster.deploymentReplicas("alice", "llama") == 3);
                InferencePoolStatus mallory = await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                        .until(() -> cluster.pool("mallory", "pool").getStatus(),
                                s -> s.getSignals().getHealth().get("utilizationPercent").equals("missing:malformed"));
                await().atMost(Duration.ofSeconds(30)).until(() -> hostile.answersAbandoned() >= 10);

                long tenuredPeak = tenured.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() - tenuredBefore;
                long after = heapAfterGc();
                System.out.printf("hostile answers: %d abandoned, %.1f MB sent in all, of %d MB each; heap after GC"
                        + " %.1f -> %.1f MB; old-generation peak +%.1f MB%n", hostile.answersAbandoned(),
                        hostile.bytesSent() / (double) MB, HOSTILE_BODY / MB, before / (double) MB, after / (double) MB,
                        tenuredPeak / (double) MB);
                assertThat(mallory.getConditions()).anySatisfy(c -> assertThat(c.getMessage())
                        .contains("exceeded the cap of 1048576 bytes"));
                assertThat(cluster.deploymentReplicas("mallory", "llama")).isEqualTo(2);
                assertThat(tenuredPeak).as("old-generation peak growth while reading 200 MB answers").isLessThan(64 * MB);
                assertThat(after - before).as("heap kept after reading 200 MB answers").isLessThan(32 * MB);
                assertThat(hostile.bytesSent() / hostile.answersAbandoned()).as("bytes sent per answer")
                        .isLessThan(16 * MB);
            }
        }
    }

    private static InferencePool pool(String namespace, String url) {
        InferencePool pool = TestPools.deploymentPool(namespace, "pool", "llama", 1, 5);
        pool.getSpec().getMetrics().getPrometheus().setUrl(url);
        pool.getSpec().getMetrics().setSelector(Map.of("app", "llama"));
        return pool;
    }

    private static List<MemoryPoolMXBean> tenuredPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && !p.getName().contains("Eden") && !p.getName().contains("Survivor"))
                .toList();
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
