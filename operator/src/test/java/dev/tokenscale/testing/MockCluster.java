package dev.tokenscale.testing;

import dev.tokenscale.api.InferencePool;
import dev.tokenscale.cli.demo.EmbeddedCluster;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/**
 * The demo's {@link EmbeddedCluster} (fabric8's mock API server in CRUD mode with the generated
 * InferencePool CRD and a real /scale subresource) with every scale write recorded by a
 * {@link ScaleWriteRecorder}, plus a fake workload controller and helpers for tests, on 127.0.0.1 and
 * a free port. Close it to stop everything.
 */
public final class MockCluster implements AutoCloseable {

    private final EmbeddedCluster cluster;
    private final ScaleWriteRecorder scaleWrites = new ScaleWriteRecorder();
    private final KubernetesClient client;
    private final FakeWorkloadController workloads;

    public MockCluster() {
        cluster = EmbeddedCluster.start(scaleWrites::inFrontOf);
        client = cluster.client();
        workloads = new FakeWorkloadController(client);
    }

    public KubernetesClient client() {
        return client;
    }

    public ScaleWriteRecorder scale() {
        return scaleWrites;
    }

    public Deployment createDeployment(String namespace, String name, int replicas) {
        return client.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withReplicas(replicas)
                    .withNewSelector().addToMatchLabels("app", name).endSelector()
                    .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                        .withNewSpec().addNewContainer().withName("vllm").withImage("vllm/vllm-openai").endContainer().endSpec()
                    .endTemplate()
                .endSpec().build()).create();
    }

    public StatefulSet createStatefulSet(String namespace, String name, int replicas) {
        return client.apps().statefulSets().inNamespace(namespace).resource(new StatefulSetBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withReplicas(replicas).withServiceName(name)
                    .withNewSelector().addToMatchLabels("app", name).endSelector()
                    .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                        .withNewSpec().addNewContainer().withName("sglang").withImage("lmsysorg/sglang").endContainer().endSpec()
                    .endTemplate()
                .endSpec().build()).create();
    }

    public int deploymentReplicas(String namespace, String name) {
        Deployment d = client.apps().deployments().inNamespace(namespace).withName(name).get();
        return d.getSpec().getReplicas();
    }

    public InferencePool pool(String namespace, String name) {
        return client.resources(InferencePool.class).inNamespace(namespace).withName(name).get();
    }

    public List<Event> events(String namespace) {
        return client.v1().events().inNamespace(namespace).list().getItems();
    }

    public List<Event> events(String namespace, String reason) {
        return events(namespace).stream().filter(e -> reason.equals(e.getReason())).toList();
    }

    @Override
    public void close() {
        workloads.close();
        cluster.close();
    }
}
