package dev.tokenscale.operator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

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

    private Optional<String> patch(String namespace, String pod, ObjectNode annotations, String what) {
        ObjectNode patch = json.createObjectNode();
        patch.putObject("metadata").set("annotations", annotations);
        try {
            client.pods().inNamespace(namespace).withName(pod).patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
            return Optional.empty();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return Optional.empty();
            }
            if (e.getCode() == 403) {
                return Optional.of("could not " + what + " pod " + namespace + "/" + pod + " with " + ANNOTATION
                        + ": forbidden (the operator needs the patch verb on pods; grant it as deploy/ does, or set"
                        + " spec.scaling.drainAware: false)");
            }
            return Optional.of("could not " + what + " pod " + namespace + "/" + pod + " with " + ANNOTATION + ": "
                    + (e.getCode() > 0 ? "HTTP " + e.getCode() + " " : "") + e.getMessage());
        }
    }
}
