package dev.tokenscale.operator;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Watches the operator's own traffic with the API server, as an HTTP interceptor on its client: when
 * the API server last answered, since when it has not (connections failing), what it last refused
 * on the pools, and whether it refused a write to the Lease. The probes report from this, so a
 * partition, an expired token or an RBAC gap shows in {@code /healthz} and {@code /readyz} rather
 * than only in a log line. Times come from the operator's {@link Clock}.
 */
public final class ApiServerObserver implements Interceptor {

    private final Clock clock;
    private final String leasePath;
    private final AtomicReference<Instant> unreachableSince = new AtomicReference<>();
    private final AtomicReference<String> leaseForbidden = new AtomicReference<>();
    private final AtomicReference<String> poolsRefused = new AtomicReference<>();
    private final Consumer<String> onLeaseForbidden;

    /** @param onLeaseForbidden told the verb when the API server starts refusing one on the Lease */
    public ApiServerObserver(Clock clock, String leaseNamespace, String leaseName, Consumer<String> onLeaseForbidden) {
        this.clock = clock;
        this.onLeaseForbidden = onLeaseForbidden;
        this.leasePath = "/namespaces/" + leaseNamespace + "/leases/" + leaseName;
    }

    /** A client like {@code client} whose requests this observer sees, and {@code also}; close it when done. */
    public KubernetesClient observe(KubernetesClient client, Interceptor also) {
        Config config = client.getConfiguration();
        // The shared serialization spares a second scan of fabric8's whole model, seconds on a busy node.
        return new KubernetesClientBuilder().withConfig(config).withKubernetesSerialization(client.getKubernetesSerialization())
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("tokenscale-observer", this)
                        .addOrReplaceInterceptor("tokenscale-observer-also", also))
                .build();
    }

    @Override
    public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
        unreachableSince.set(null);
        String path = request.uri().getPath();
        int code = response.code();
        if (path.endsWith(leasePath)) {
            String verb = verb(request.method(), path);
            if (code == 403) {
                if (!verb.equals(leaseForbidden.getAndSet(verb))) {
                    onLeaseForbidden.accept(verb);
                }
            } else if (code / 100 == 2 && !"get".equals(verb)) {
                leaseForbidden.set(null);
            }
        }
        if (path.endsWith("/inferencepools") && "GET".equals(request.method())) {
            // A watch may answer 101 Switching Protocols; only an error status is a refusal.
            if (code >= 400) {
                poolsRefused.set(code + " " + reasonPhrase(code));
            } else if (code / 100 == 2) {
                poolsRefused.set(null);
            }
        }
    }

    @Override
    public void afterConnectionFailure(HttpRequest request, Throwable failure) {
        unreachableSince.compareAndSet(null, clock.instant());
    }

    /** How long connections to the API server have been failing; empty while it answers. */
    public Optional<Duration> unreachableFor() {
        Instant since = unreachableSince.get();
        return since == null ? Optional.empty() : Optional.of(Duration.between(since, clock.instant()));
    }

    /** The verb the API server last refused on the Lease (403), until a write to it succeeds again. */
    public Optional<String> leaseForbidden() {
        return Optional.ofNullable(leaseForbidden.get());
    }

    /** The status of the last failed list or watch of InferencePools, until one succeeds. */
    public Optional<String> poolsRefused() {
        return Optional.ofNullable(poolsRefused.get());
    }

    private static String verb(String method, String path) {
        return switch (method) {
            case "GET" -> "get";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> "delete";
            default -> method.toLowerCase(Locale.ROOT);
        };
    }

    private static String reasonPhrase(int code) {
        return switch (code) {
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found (is the InferencePool CRD installed?)";
            default -> "from the API server";
        };
    }
}
