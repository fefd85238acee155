package dev.tokenscale.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenscale.api.InferencePool;
import dev.tokenscale.api.InferencePoolStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;

/**
 * Writes a pool's status with a JSON merge patch to the status subresource, and nothing else of the
 * pool. Every status field is sent, with explicit nulls for the absent ones, so a signal that went
 * missing disappears from status instead of keeping its last value.
 *
 * <p>A patch is sent only when something a user sees changed. The status holds rounded figures, so a
 * signal that moved by less than its display precision is no change. What differs on every evaluation
 * is not compared: the evaluation's time ({@code lastDecision.time}, {@code signals.observedAt}; the
 * metric {@code tokenscale_pool_last_evaluation_timestamp_seconds} has the latest) and the decision's
 * message, whose figures are finer than status's and which counts cooldowns down; the message is
 * refreshed with the next patch. With 1,000 pools this keeps the API server's load to the changes.
 */
public final class StatusWriter {

    private static final List<String> EVERY_EVALUATION = List.of("time", "message");

    // A plain mapper writes nulls; fabric8's would drop them and so keep stale values on the server.
    private final ObjectMapper json = new ObjectMapper();
    private final KubernetesClient client;

    public StatusWriter(KubernetesClient client) {
        this.client = client;
    }

    /** @return whether a patch was sent; an unchanged status is not written again */
    public boolean write(InferencePool pool, InferencePoolStatus status) {
        JsonNode next = json.valueToTree(status);
        if (pool.getStatus() != null && visible(next).equals(visible(json.valueToTree(pool.getStatus())))) {
            return false;
        }
        ObjectNode patch = json.createObjectNode();
        patch.set("status", next);
        client.resources(InferencePool.class)
                .inNamespace(pool.getMetadata().getNamespace())
                .withName(pool.getMetadata().getName())
                .subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
        return true;
    }

    /** The status without what changes on every evaluation; see the class comment. */
    static JsonNode visible(JsonNode status) {
        JsonNode copy = status.deepCopy();
        if (copy.get("lastDecision") instanceof ObjectNode decision) {
            decision.remove(EVERY_EVALUATION);
        }
        if (copy.get("signals") instanceof ObjectNode signals) {
            signals.remove("observedAt");
        }
        return copy;
    }
}
