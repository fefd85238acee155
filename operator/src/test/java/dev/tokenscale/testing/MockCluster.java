package dev.tokenscale.testing;

import dev.tokenscale.api.InferencePool;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * fabric8's mock API server in CRUD mode with the generated InferencePool CRD installed, a real
 * /scale subresource ({@link ApiServerFidelityDispatcher}) and a fake workload controller, on
 * 127.0.0.1 and a free port. Close it to stop everything.
 */
public final class MockCluster implements AutoCloseable {

    /** Written by the crd-generator plugin at process-classes, before any test runs. */
    public static final Path GENERATED_CRD = Path.of("target/classes/META-INF/fabric8/inferencepools.tokenscale.dev-v1.yml");

    // Held so the JUL configuration is not garbage-collected; the mock logs every request at INFO.
    private static final java.util.logging.Logger MOCK_LOG = quiet("io.fabric8.mockwebserver");

    private final KubernetesMockServer server;
    private final ApiServerFidelityDispatcher dispatcher;
    private final KubernetesClient client;
    private final FakeWorkloadController workloads;

    public MockCluster() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        dispatcher = new ApiServerFidelityDispatcher(new KubernetesMixedDispatcher(responses));
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, dispatcher, false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
        if (!Files.exists(GENERATED_CRD)) {
            throw new IllegalStateException(GENERATED_CRD.toAbsolutePath() + " is missing; run the build through process-classes");
        }
        CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions()
                .load(GENERATED_CRD.toFile()).item();
        client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
        workloads = new FakeWorkloadController(client);
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    public KubernetesClient client() {
        return client;
    }

    public ApiServerFidelityDispatcher scale() {
        return dispatcher;
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
        client.close();
        server.destroy();
    }
}
