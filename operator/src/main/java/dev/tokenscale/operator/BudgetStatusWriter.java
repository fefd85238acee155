package dev.tokenscale.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenscale.api.BudgetPoolStatus;
import dev.tokenscale.api.InferenceBudget;
import dev.tokenscale.api.InferenceBudgetStatus;
import dev.tokenscale.policy.BudgetRound;
import dev.tokenscale.policy.PoolGrant;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a budget's status from its latest round, as a JSON merge patch to the status subresource,
 * only when it changed. Each pool's evaluation reruns the round, so the status follows every pool.
 */
public final class BudgetStatusWriter {

    static final String OVER_COMMITTED = "OverCommitted";

    private final ObjectMapper json = new ObjectMapper();
    private final KubernetesClient client;

    public BudgetStatusWriter(KubernetesClient client) {
        this.client = client;
    }

    /**
     * @param preemptedAt when this operator last took replicas from a pool of the budget, else null;
     *     the later of it and the time already in status is written
     */
    public boolean write(InferenceBudget budget, BudgetRound round, Instant preemptedAt, Instant now) {
        InferenceBudgetStatus status = compose(budget, round, preemptedAt, now);
        JsonNode next = json.valueToTree(status);
        if (budget.getStatus() != null && next.equals(json.valueToTree(budget.getStatus()))) {
            return false;
        }
        ObjectNode patch = json.createObjectNode();
        patch.set("status", next);
        // A stub with the name alone: withName(..) would GET the budget before every patch.
        InferenceBudget address = new InferenceBudget();
        address.setMetadata(new ObjectMetaBuilder().withName(budget.getMetadata().getName()).build());
        client.resources(InferenceBudget.class)
                .resource(address)
                .subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
        return true;
    }

    static InferenceBudgetStatus compose(InferenceBudget budget, BudgetRound round, Instant preemptedAt, Instant now) {
        InferenceBudgetStatus previous = budget.getStatus() != null ? budget.getStatus() : new InferenceBudgetStatus();
        InferenceBudgetStatus status = new InferenceBudgetStatus();
        status.setObservedGeneration(budget.getMetadata().getGeneration());
        status.setSpentPerHour(cents(round.spentPerHour()));
        status.setGpus(round.gpus());
        status.setPoolCount(round.grants().size());
        status.setCappedPools((int) round.cappedPools());
        status.setShortfallPerHour(cents(round.shortfall().stream().mapToDouble(BudgetRound.Shortfall::hourlyCost).sum()));
        status.setLastPreemptionTime(later(preemptedAt, previous.getLastPreemptionTime()));
        List<BudgetPoolStatus> pools = new ArrayList<>();
        for (PoolGrant g : round.grants()) {
            BudgetPoolStatus p = new BudgetPoolStatus();
            int slash = g.pool().indexOf('/');
            p.setNamespace(g.pool().substring(0, slash));
            p.setName(g.pool().substring(slash + 1));
            p.setPriority(g.priority().key());
            p.setReplicas(g.replicas());
            p.setWanted(g.wanted());
            p.setGranted(g.granted());
            p.setMessage(g.why());
            pools.add(p);
        }
        status.setPools(pools);
        ConditionSet conditions = new ConditionSet(previous.getConditions(), budget.getMetadata().getGeneration(),
                StatusComposer.rfc3339(now))
                .set(ConditionSet.READY, true, "Evaluated", round.message());
        if (round.belowMinimums()) {
            conditions.set(OVER_COMMITTED, true, "BelowMinReplicas", round.message());
        } else if (!round.shortfall().isEmpty()) {
            conditions.set(OVER_COMMITTED, true, "Shortfall", round.message());
        } else if (round.overLimit()) {
            conditions.set(OVER_COMMITTED, true, "OverLimit", round.message());
        } else {
            conditions.set(OVER_COMMITTED, false, "WithinLimit", round.message());
        }
        status.setConditions(conditions.build());
        return status;
    }

    /** A time in status that does not parse (written by hand) gives way to a preemption this operator saw. */
    private static String later(Instant preemptedAt, String inStatus) {
        if (preemptedAt == null) {
            return inStatus;
        }
        try {
            Instant written = StatusComposer.parseTime(inStatus);
            if (written != null && written.isAfter(preemptedAt)) {
                return inStatus;
            }
        } catch (IllegalArgumentException e) {
            // fall through to the time this operator knows
        }
        return StatusComposer.rfc3339(preemptedAt);
    }

    /** Money in status to the cent, so a round that moves a fraction of a cent does not rewrite it. */
    private static double cents(double dollars) {
        return Math.round(dollars * 100) / 100.0;
    }
}
