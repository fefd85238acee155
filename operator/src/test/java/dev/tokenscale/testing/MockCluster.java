package dev.tokenscale.testing;

import dev.tokenscale.api.InferencePool;
import dev.tokenscale.cli.demo.EmbeddedCluster;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.List;

/**
 * The demo's {@link EmbeddedCluster} (fabric8's mock API server in CRUD mode with the generated
 * InferencePool CRD and a real /scale subresource) with every scale write recorded by a
 * {@link ScaleWriteRecorder}, plus a fake workload controller and helpers for tests, on 127.0.0.1 and
 * a free port. Close it to stop everything.
 *
 * <p>The operator gets its own client, {@link #operatorClient()}, whose requests deploy/'s RBAC
 * authorizes ({@link RbacAudit}): a call the operator makes that deploy/ does not grant is answered
 * 403, as on a cluster, and fails the test when the cluster is closed. The test's own
 * {@link #client()} acts as a cluster admin.
 */
public final class MockCluster implements AutoCloseable {

    private final EmbeddedCluster cluster;
    private final ScaleWriteRecorder scaleWrites = new ScaleWriteRecorder();
    private final SlowLists slowLists = new SlowLists();
    private final KubernetesClient client;
    private final FakeWorkloadController workloads;
    private final RbacAudit audit;
    private KubernetesClient operatorClient;

    /** The operator is held to deploy/'s RBAC as it stands. */
    public MockCluster() {
        this(DeployRbac.load());
    }

    /** The operator is held to the given RBAC, e.g. deploy/'s with a grant removed. */
    public MockCluster(DeployRbac rbac) {
        audit = new RbacAudit(rbac);
        cluster = EmbeddedCluster.start(api -> audit.inFrontOf(slowLists.inFrontOf(scaleWrites.inFrontOf(api))));
        client = cluster.client();
        workloads = new FakeWorkloadController(client);
    }

    public KubernetesClient client() {
        return client;
    }

    /** A client that presents the operator's ServiceAccount token, so deploy/'s RBAC applies to it. */
    public synchronized KubernetesClient operatorClient() {
        if (operatorClient == null) {
            operatorClient = new KubernetesClientBuilder()
                    .withConfig(new ConfigBuilder(client.getConfiguration()).withOauthToken(RbacAudit.OPERATOR_TOKEN).build())
                    .build();
        }
        return operatorClient;
    }

    /** What the operator asked the API server, and what RBAC refused. */
    public RbacAudit audit() {
        return audit;
    }

    /** Lists the API server answers late, as under load. */
    public SlowLists slowLists() {
        return slowLists;
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
        synchronized (this) {
            if (operatorClient != null) {
                operatorClient.close();
            }
        }
        cluster.close();
        audit.assertNoUnexpectedDenials();
    }
}
