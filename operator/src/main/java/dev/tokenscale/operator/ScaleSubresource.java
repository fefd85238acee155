package dev.tokenscale.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads and writes a workload only through its {@code /scale} subresource (autoscaling/v1 Scale), the
 * contract every scalable kind shares: Deployments, StatefulSets, LeaderWorkerSets and any custom
 * resource that declares one. Writes are JSON merge patches carrying the resourceVersion that was
 * read, so a change made in between (a user's {@code kubectl scale}, another controller) is never
 * overwritten blindly: the server answers 409, and the write re-reads and tries again.
 */
public final class ScaleSubresource {

    private static final String MERGE_PATCH = "application/merge-patch+json";
    private static final int MAX_CONFLICT_RETRIES = 3;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final KubernetesClient client;
    private final ObjectMapper json = new ObjectMapper();

    public ScaleSubresource(KubernetesClient client) {
        this.client = client;
    }

    public TargetScale read(ScalableKind kind, String namespace, String name) throws TargetNotFoundException {
        HttpRequest request = client.getHttpClient().newHttpRequestBuilder()
                .uri(scaleUrl(kind, namespace, name))
                .header("Accept", "application/json")
                .build();
        HttpResponse<String> response = send(request);
        if (response.code() == 404) {
            throw new TargetNotFoundException(kind.kind() + " " + namespace + "/" + name + " not found");
        }
        requireSuccess(response, "GET", kind, namespace, name);
        return parse(response.body());
    }

    /**
     * Sets spec.replicas, retrying on 409 with a fresh read. Returns what the subresource said after
     * the write. A target that already has {@code replicas} is left untouched.
     */
    public TargetScale writeReplicas(ScalableKind kind, String namespace, String name, int replicas)
            throws TargetNotFoundException {
        return writeReplicas(kind, namespace, name, replicas, null);
    }

    /** @param known the target as last read, with its resourceVersion; null to GET /scale first */
    public TargetScale writeReplicas(ScalableKind kind, String namespace, String name, int replicas, TargetScale known)
            throws TargetNotFoundException {
        TargetScale current = known != null && known.resourceVersion() != null ? known : read(kind, namespace, name);
        for (int attempt = 0; ; attempt++) {
            if (current.specReplicas() == replicas) {
                return current;
            }
            ObjectNode patch = json.createObjectNode();
            if (current.resourceVersion() != null) {
                patch.putObject("metadata").put("resourceVersion", current.resourceVersion());
            }
            patch.putObject("spec").put("replicas", replicas);
            HttpRequest request = client.getHttpClient().newHttpRequestBuilder()
                    .uri(scaleUrl(kind, namespace, name))
                    .header("Accept", "application/json")
                    .method("PATCH", MERGE_PATCH, patch.toString())
                    .build();
            HttpResponse<String> response = send(request);
            if (response.code() == 409 && attempt < MAX_CONFLICT_RETRIES) {
                current = read(kind, namespace, name);
                continue;
            }
            if (response.code() == 404) {
                throw new TargetNotFoundException(kind.kind() + " " + namespace + "/" + name + " not found");
            }
            requireSuccess(response, "PATCH", kind, namespace, name);
            return parse(response.body());
        }
    }

    private String scaleUrl(ScalableKind kind, String namespace, String name) {
        String master = client.getMasterUrl().toString();
        String base = master.endsWith("/") ? master : master + "/";
        return base + kind.objectPath(namespace, name) + "/scale";
    }

    private HttpResponse<String> send(HttpRequest request) {
        HttpClient http = client.getHttpClient();
        try {
            return http.sendAsync(request, String.class).get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubernetesClientException("interrupted while calling " + request.uri(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KubernetesClientException("calling " + request.uri() + " failed: " + e.getMessage(), e);
        }
    }

    private static void requireSuccess(HttpResponse<String> response, String method, ScalableKind kind,
            String namespace, String name) {
        if (!response.isSuccessful()) {
            throw new KubernetesClientException(method + " " + kind.kind() + " " + namespace + "/" + name
                    + "/scale answered " + response.code() + ": " + response.body(), response.code(), null);
        }
    }

    private TargetScale parse(String body) {
        try {
            JsonNode scale = json.readTree(body);
            return new TargetScale(
                    scale.path("spec").path("replicas").asInt(0),
                    scale.path("status").path("replicas").asInt(0),
                    scale.path("status").path("selector").asText(""),
                    scale.path("metadata").path("resourceVersion").asText(null));
        } catch (IOException e) {
            throw new KubernetesClientException("the /scale subresource answered something that is not a Scale: " + e.getMessage());
        }
    }
}
