package dev.tokenscale.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tokenscale.testing.MockCluster;
import dev.tokenscale.testing.ScaleWriteRecorder.ScaleWrite;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ScaleTargetClientTest {

    private MockCluster cluster;
    private ScaleTargetClient targets;

    @BeforeEach
    void startCluster() {
        cluster = new MockCluster();
        targets = new ScaleTargetClient(cluster.client());
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    @Test
    void readsReplicasSelectorAndReadyPodsThroughTheScaleSubresource() throws Exception {
        cluster.createDeployment("llm", "llama", 3);
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.client().pods().inNamespace("llm").list().getItems().size() == 3);

        ScaleTargetClient.Observed observed = await().atMost(Duration.ofSeconds(10))
                .until(() -> targets.observe("llm", "apps/v1", "Deployment", "llama"), o -> o.readyReplicas() == 3);

        assertThat(observed.kind().plural()).isEqualTo("deployments");
        assertThat(observed.scale().specReplicas()).isEqualTo(3);
        assertThat(observed.scale().selector()).isEqualTo("app=llama");
        assertThat(observed.pods().names()).hasSize(3).allMatch(n -> n.startsWith("llama-"));
    }

    @Test
    void writesReplicasWithAMergePatchOnTheScaleSubresourceCarryingTheReadResourceVersion() throws Exception {
        cluster.createDeployment("llm", "llama", 2);
        ScalableKind kind = await().atMost(Duration.ofSeconds(10))
                .until(() -> targets.observe("llm", "apps/v1", "Deployment", "llama"), o -> o.readyReplicas() == 2).kind();

        TargetScale after = targets.writeReplicas(kind, "llm", "llama", new ReplicaBounds(1, 10), 4);

        assertThat(after.specReplicas()).isEqualTo(4);
        assertThat(cluster.deploymentReplicas("llm", "llama")).isEqualTo(4);
        assertThat(cluster.scale().scaleWrites()).singleElement().satisfies(w -> {
            assertThat(w.path()).isEqualTo("/apis/apps/v1/namespaces/llm/deployments/llama/scale");
            assertThat(w.body()).contains("\"replicas\":4").contains("\"resourceVersion\"");
        });
    }

    @Test
    void refusesAReplicaCountOutsideThePoolsBoundsWithoutWritingAnything() throws Exception {
        cluster.createDeployment("llm", "llama", 2);
        ScalableKind kind = await().atMost(Duration.ofSeconds(10))
                .until(() -> targets.observe("llm", "apps/v1", "Deployment", "llama"), o -> o.readyReplicas() == 2).kind();
        ReplicaBounds bounds = new ReplicaBounds(1, 10);

        assertThatThrownBy(() -> targets.writeReplicas(kind, "llm", "llama", bounds, -2147483647))
                .isInstanceOf(InvalidDecisionException.class)
                .hasMessage("refused to write -2147483647 replicas: outside [minReplicas 1, maxReplicas 10] and negative; nothing was written");
        assertThatThrownBy(() -> targets.writeReplicas(kind, "llm", "llama", bounds, 11))
                .isInstanceOf(InvalidDecisionException.class).hasMessageContaining("refused to write 11 replicas");
        assertThatThrownBy(() -> targets.writeReplicas(kind, "llm", "llama", bounds, 0))
                .isInstanceOf(InvalidDecisionException.class).hasMessageContaining("refused to write 0 replicas");

        assertThat(cluster.scale().scaleWrites()).isEmpty();
        assertThat(cluster.deploymentReplicas("llm", "llama")).isEqualTo(2);
    }

    @Test
    void retriesAfterAConflictWithAFreshRead() throws Exception {
        cluster.createDeployment("llm", "llama", 2);
        // Let the fake controller finish writing status first, so the only conflicts are the injected ones.
        ScalableKind kind = await().atMost(Duration.ofSeconds(10))
                .until(() -> targets.observe("llm", "apps/v1", "Deployment", "llama"), o -> o.readyReplicas() == 2).kind();
        cluster.scale().injectConflicts(2);

        targets.writeReplicas(kind, "llm", "llama", new ReplicaBounds(1, 10), 3);

        assertThat(cluster.scale().scaleWrites()).extracting(ScaleWrite::answeredWith).containsExactly(409, 409, 200);
        assertThat(cluster.deploymentReplicas("llm", "llama")).isEqualTo(3);
    }

    @Test
    void reportsAMissingTargetAndAKindWithoutScaleAsTargetNotFound() {
        assertThatThrownBy(() -> targets.observe("llm", "apps/v1", "Deployment", "absent"))
                .isInstanceOf(TargetNotFoundException.class).hasMessageContaining("llm/absent not found");
        assertThatThrownBy(() -> targets.observe("llm", "apps/v1", "DaemonSet", "x"))
                .isInstanceOf(TargetNotFoundException.class).hasMessageContaining("DaemonSet");
    }

    @Test
    void countsReadyStatefulSetReplicasFromItsStatus() throws Exception {
        cluster.createStatefulSet("llm", "sglang", 2);

        ScaleTargetClient.Observed observed = await().atMost(Duration.ofSeconds(10))
                .until(() -> targets.observe("llm", "apps/v1", "StatefulSet", "sglang"), o -> o.readyReplicas() == 2);

        assertThat(observed.kind().plural()).isEqualTo("statefulsets");
        assertThat(observed.pods().names()).hasSize(2);
    }
}
