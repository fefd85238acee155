package dev.tokenscale.operator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes and removes the {@code controller.kubernetes.io/pod-deletion-cost} annotation on a target's
 * pods, with a second annotation that marks it as this operator's, so the next evaluation removes only
 * what tokenscale wrote. Each pod gets one JSON merge patch: the only verb needed is {@code patch} on
 * {@code pods}.
 *
 * <p>Marking is best effort: a refusal (403 without the verb) or any other failure comes back as a
 * sentence for an Event and the conditions, never as an exception, because the scale-down itself must
 * still happen. A pod that is already gone (404) is no failure.
 */
final class PodDeletionCost {

    static final String ANNOTATION = "controller.kubernetes.io/pod-deletion-cost";
    /** Holds the pool's name; present only on pods whose cost tokenscale wrote. */
    static final String MARK = "tokenscale.dev/deletion-cost-by";
    private static final String MERGE_PATCH = "application/merge-patch+json";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final KubernetesClient client;
    private final ObjectMapper json = new ObjectMapper();

    PodDeletionCost(KubernetesClient client) {
        this.client = client;
    }

    /** Writes each pod's cost in the given order (victims first); stops at the first refusal. */
    Optional<String> mark(String namespace, String pool, Map<String, String> costs) {
        for (Map.Entry<String, String> pod : costs.entrySet()) {
            ObjectNode annotations = json.createObjectNode();
            annotations.put(ANNOTATION, pod.getValue());
            annotations.put(MARK, pool);
            Optional<String> problem = patch(namespace, pod.getKey(), annotations, "mark");
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    /** Removes tokenscale's cost and mark from these pods; stops at the first refusal. */
    Optional<String> unmark(String namespace, Collection<String> pods) {
        for (String pod : pods) {
            ObjectNode annotations = json.createObjectNode();
            annotations.putNull(ANNOTATION);
            annotations.putNull(MARK);
            Optional<String> problem = patch(namespace, pod, annotations, "unmark");
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    /**
     * A bare PATCH: fabric8's resource DSL reads the pod first, which would need {@code get} on pods
     * too, a verb the operator does not otherwise use.
     */
    private Optional<String> patch(String namespace, String pod, ObjectNode annotations, String what) {
        ObjectNode patch = json.createObjectNode();
        patch.putObject("metadata").set("annotations", annotations);
        String master = client.getMasterUrl().toString();
        HttpRequest request = client.getHttpClient().newHttpRequestBuilder()
                .uri((master.endsWith("/") ? master : master + "/") + "api/v1/namespaces/" + namespace + "/pods/" + pod)
                .header("Accept", "application/json")
                .method("PATCH", MERGE_PATCH, patch.toString())
                .build();
        String failed = "could not " + what + " pod " + namespace + "/" + pod + " with " + ANNOTATION + ": ";
        HttpResponse<String> response;
        try {
            response = client.getHttpClient().sendAsync(request, String.class).get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(failed + "interrupted");
        } catch (ExecutionException | TimeoutException e) {
            return Optional.of(failed + (e instanceof TimeoutException ? "no answer within " + REQUEST_TIMEOUT.toSeconds() + "s"
                    : String.valueOf(e.getCause())));
        }
        if (response.isSuccessful() || response.code() == 404) {
            return Optional.empty();
        }
        if (response.code() == 403) {
            return Optional.of(failed + "forbidden (the operator needs the patch verb on pods; grant it as deploy/ does, or set"
                    + " spec.scaling.drainAware: false)");
        }
        return Optional.of(failed + "HTTP " + response.code() + " " + abbreviate(response.body()));
    }

    private static String abbreviate(String body) {
        String line = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }
}
