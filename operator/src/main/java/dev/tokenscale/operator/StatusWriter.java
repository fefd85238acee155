package dev.tokenscale.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenscale.api.InferencePool;
import dev.tokenscale.api.InferencePoolStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
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
 *
 * <p>The patch is one request, with no GET before it and no resourceVersion precondition. The pool's
 * status has one writer, the operator (the shard) that reconciles the pool: {@code status.budget}
 * and the {@code BudgetLimited} condition are composed into the same status by the same evaluation,
 * and the budget controller writes only the InferenceBudget's own status. What the status carries
 * over from before (cooldown times, learned figures, condition transition times) comes from the
 * informer's copy, which may lag a write; the reconciler keeps the later of that copy and what it
 * remembers, so a lagging copy never moves a cooldown back. A precondition would only turn such a
 * lag into a conflict, and a merge patch sends only tokenscale's own fields, so nothing another
 * writer adds to the object is touched.
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
                .resource(addressOf(pool))
                .subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
        return true;
    }

    /**
     * The pool's name and namespace alone. fabric8 patches the object it is handed; given only a
     * name ({@code withName}) it would GET the pool first, one request per write that a patch
     * does not need. No resourceVersion goes along: see the class comment.
     */
    static InferencePool addressOf(InferencePool pool) {
        InferencePool stub = new InferencePool();
        stub.setMetadata(new ObjectMetaBuilder().withName(pool.getMetadata().getName())
                .withNamespace(pool.getMetadata().getNamespace()).build());
        return stub;
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
