package dev.tokenscale.cli.demo;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Dispatcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A Kubernetes API with no cluster: fabric8's mock API server in CRUD mode on 127.0.0.1 and a free
 * port, taught /scale and merge patches by {@link ScaleSubresourceDispatcher}, with the InferencePool
 * CRD the build generated (bundled in the jar) installed. Close it to stop the server and its client.
 */
public final class EmbeddedCluster implements AutoCloseable {

    /** Where the crd-generator plugin puts the CRD; it ships inside tokenscale.jar. */
    public static final String CRD_RESOURCE = "/META-INF/fabric8/inferencepools.tokenscale.dev-v1.yml";

    /** The InferenceBudget CRD, generated beside the pool's. */
    public static final String BUDGET_CRD_RESOURCE = "/META-INF/fabric8/inferencebudgets.tokenscale.dev-v1.yml";

    // Held so the JUL level stays set; the mock logs every request at INFO.
    private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    private EmbeddedCluster(KubernetesMockServer server, KubernetesClient client) {
        this.server = server;
        this.client = client;
    }

    public static EmbeddedCluster start() {
        return start(UnaryOperator.identity());
    }

    /**
     * @param wrap puts a dispatcher in front of the API's own, for tests that record or disturb
     *     requests; it must hand every request it does not answer itself to the one it is given
     */
    public static EmbeddedCluster start(UnaryOperator<Dispatcher> wrap) {
        MOCK_LOG.setLevel(Level.WARNING);
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        Dispatcher dispatcher = wrap.apply(new ScaleSubresourceDispatcher(new KubernetesMixedDispatcher(responses)));
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, dispatcher, false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        KubernetesClient client = server.createClient();
        EmbeddedCluster cluster = new EmbeddedCluster(server, client);
        try {
            for (String resource : List.of(CRD_RESOURCE, BUDGET_CRD_RESOURCE)) {
                install(client, resource);
            }
        } catch (IOException e) {
            cluster.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private static void install(KubernetesClient client, String resource) throws IOException {
        try (InputStream crd = EmbeddedCluster.class.getResourceAsStream(resource)) {
            if (crd == null) {
                throw new IllegalStateException("the jar lacks " + resource + "; build it with mvn package");
            }
            CustomResourceDefinition definition = client.apiextensions().v1().customResourceDefinitions().load(crd).item();
            client.apiextensions().v1().customResourceDefinitions().resource(definition).create();
        }
    }

    public KubernetesClient client() {
        return client;
    }

    /** The API server's URL, for anyone who wants to look with kubectl while the demo runs. */
    public String url() {
        return client.getMasterUrl().toString();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
