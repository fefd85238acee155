package dev.tokenscale.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenscale.api.InferencePool;
import dev.tokenscale.api.InferencePoolStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * Writes a pool's status with a JSON merge patch to the status subresource, and nothing else of the
 * pool. Every status field is sent, with explicit nulls for the absent ones, so a signal that went
 * missing disappears from status instead of keeping its last value.
 */
public final class StatusWriter {

    // A plain mapper writes nulls; fabric8's would drop them and so keep stale values on the server.
    private final ObjectMapper json = new ObjectMapper();
    private final KubernetesClient client;

    public StatusWriter(KubernetesClient client) {
        this.client = client;
    }

    /** @return whether a patch was sent; an unchanged status is not written again */
    public boolean write(InferencePool pool, InferencePoolStatus status) {
        JsonNode next = json.valueToTree(status);
        if (pool.getStatus() != null && next.equals(json.valueToTree(pool.getStatus()))) {
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
}
