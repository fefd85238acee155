package dev.tokenscale.operator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes and removes the {@code controller.kubernetes.io/pod-deletion-cost} annotation on a target's
 * pods, with a second annotation that marks it as this operator's, so the next evaluation removes only
 * what tokenscale wrote. Each pod gets one JSON merge patch, all sent at once: the only verb needed is
 * {@code patch} on {@code pods}.
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

    /** Writes each pod's cost; every patch is in flight at once, and all have ended when this returns. */
    Optional<String> mark(String namespace, String pool, Map<String, String> costs) {
        Map<String, ObjectNode> patches = new LinkedHashMap<>();
        costs.forEach((pod, cost) -> {
            ObjectNode annotations = json.createObjectNode();
            annotations.put(ANNOTATION, cost);
            annotations.put(MARK, pool);
            patches.put(pod, annotations);
        });
        return patchAll(namespace, patches, "mark");
    }

    /** Removes tokenscale's cost and mark from these pods, all at once. */
    Optional<String> unmark(String namespace, Collection<String> pods) {
        Map<String, ObjectNode> patches = new LinkedHashMap<>();
        for (String pod : pods) {
            ObjectNode annotations = json.createObjectNode();
            annotations.putNull(ANNOTATION);
            annotations.putNull(MARK);
            patches.put(pod, annotations);
        }
        return patchAll(namespace, patches, "unmark");
    }

    /**
     * Bare PATCHes, sent together so a scale-down waits one round trip, not one per pod: fabric8's
     * resource DSL would also read each pod first, which would need {@code get} on pods, a verb the
     * operator does not otherwise use. Returns the first pod's problem, in the given order.
     */
    private Optional<String> patchAll(String namespace, Map<String, ObjectNode> annotationsByPod, String what) {
        String master = client.getMasterUrl().toString();
        String pods = (master.endsWith("/") ? master : master + "/") + "api/v1/namespaces/" + namespace + "/pods/";
        Map<String, CompletableFuture<HttpResponse<String>>> sent = new LinkedHashMap<>();
        annotationsByPod.forEach((pod, annotations) -> {
            ObjectNode patch = json.createObjectNode();
            patch.putObject("metadata").set("annotations", annotations);
            HttpRequest request = client.getHttpClient().newHttpRequestBuilder()
                    .uri(pods + pod)
                    .header("Accept", "application/json")
                    .method("PATCH", MERGE_PATCH, patch.toString())
                    .build();
            sent.put(pod, client.getHttpClient().sendAsync(request, String.class));
        });
        long deadline = System.nanoTime() + REQUEST_TIMEOUT.toNanos();
        Optional<String> first = Optional.empty();
        for (Map.Entry<String, CompletableFuture<HttpResponse<String>>> answer : sent.entrySet()) {
            Optional<String> problem = outcome(answer.getValue(), deadline, "could not " + what + " pod " + namespace + "/"
                    + answer.getKey() + " with " + ANNOTATION + ": ");
            if (first.isEmpty()) {
                first = problem;
            }
        }
        return first;
    }

    private static Optional<String> outcome(CompletableFuture<HttpResponse<String>> answer, long deadline, String failed) {
        HttpResponse<String> response;
        try {
            response = answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.cancel(true);
            return Optional.of(failed + "interrupted");
        } catch (ExecutionException e) {
            return Optional.of(failed + e.getCause());
        } catch (TimeoutException e) {
            answer.cancel(true);
            return Optional.of(failed + "no answer within " + REQUEST_TIMEOUT.toSeconds() + "s");
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
