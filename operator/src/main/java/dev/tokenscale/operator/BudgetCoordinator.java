package dev.tokenscale.operator;

import dev.tokenscale.api.InferenceBudget;
import dev.tokenscale.api.InferencePool;
import dev.tokenscale.policy.Action;
import dev.tokenscale.policy.BudgetClaim;
import dev.tokenscale.policy.BudgetClaims;
import dev.tokenscale.policy.BudgetLedger;
import dev.tokenscale.policy.BudgetLimit;
import dev.tokenscale.policy.BudgetMembership;
import dev.tokenscale.policy.BudgetRound;
import dev.tokenscale.policy.Decision;
import dev.tokenscale.policy.Reason;
import dev.tokenscale.policy.ScalingState;
import dev.tokenscale.policy.SignalSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a pool's budget round inside the pool's evaluation: which budget selects the pool, the
 * pool's claim, the round over every pool of that budget (their latest claims, kept in a
 * {@link BudgetLedger}), and the budget's status. Each pool writes only its own /scale: a victim
 * gives its replicas back at its own next evaluation, and until then the beneficiary takes only
 * what is already free, so the pools never spend more than the budget together.
 */
public final class BudgetCoordinator {

    /** The label Kubernetes sets on every namespace; the only namespace label read without Namespace access. */
    static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";
    private static final Logger LOG = LoggerFactory.getLogger(BudgetCoordinator.class);

    private final Supplier<List<InferenceBudget>> budgets;
    private final BudgetStatusWriter statusWriter;
    private final ShardSelector shard;
    private final BudgetLedger ledger = new BudgetLedger();
    /**
     * When this operator last took replicas from a pool of each budget (by uid). The status is
     * composed over the informer's copy of the budget, which may not show the write that recorded a
     * preemption yet; without this, a status written from that copy would erase the time.
     */
    private final Map<String, Instant> lastPreemption = new ConcurrentHashMap<>();

    /** For an operator that reconciles every pool, and so coordinates every budget. */
    public BudgetCoordinator(Supplier<List<InferenceBudget>> budgets, BudgetStatusWriter statusWriter) {
        this(budgets, statusWriter, null);
    }

    /**
     * @param budgets the budgets as the cluster has them now (an informer's cache), read every round
     * @param shard this operator's shard selector, or null for all pools. A sharded operator
     *     coordinates only the budgets whose own labels match its selector, over the pools it
     *     reconciles: each shard keeps its own ledger, so a budget coordinated by two shards would
     *     be spent twice and its status written by both. A pool of this shard that a budget of
     *     another shard selects holds, with a BudgetConflict condition saying so.
     */
    public BudgetCoordinator(Supplier<List<InferenceBudget>> budgets, BudgetStatusWriter statusWriter, ShardSelector shard) {
        this.budgets = budgets;
        this.statusWriter = statusWriter;
        this.shard = shard;
    }

    /** No budgets exist for it, so every pool decides alone and no status is ever written. */
    static BudgetCoordinator withoutBudgets() {
        return new BudgetCoordinator(List::of, null);
    }

    /**
     * @param unreported the other pools the operator knows, for counting those of the same budget
     *     that have not reported since the operator started
     */
    public BudgetShare share(InferencePool pool, PoolSettings settings, ScalingState state, SignalSnapshot signals,
            Decision decision, List<InferencePool> unreported) {
        String key = key(pool);
        List<BudgetCandidate> candidates = candidates();
        BudgetMembership membership = membership(candidates, pool);
        if (membership.conflict()) {
            ledger.withdraw(key);
            Decision held = decision.reason() == Reason.OUT_OF_BOUNDS ? decision
                    : new Decision(Action.NONE, Reason.BUDGET_CONFLICT, decision.from(), decision.from(), 0,
                            "The pool is " + membership.describeConflict() + ", so it holds at " + decision.from()
                                    + " replicas until one of them stops selecting it.", decision.checks());
            return new BudgetShare(null, membership.describeConflict(), null, null, held);
        }
        if (membership.budget().isEmpty()) {
            ledger.withdraw(key);
            return BudgetShare.none(decision);
        }
        BudgetCandidate budget = candidates.stream().filter(c -> c.name().equals(membership.budget().get()))
                .findFirst().orElseThrow();
        if (!budget.owned()) {
            ledger.withdraw(key);
            String foreign = "selected by budget " + budget.name() + ", which this shard does not coordinate: the budget's labels"
                    + " do not match --shard-selector '" + shard.text() + "', and a budget must not span shards";
            Decision held = decision.reason() == Reason.OUT_OF_BOUNDS ? decision
                    : new Decision(Action.NONE, Reason.BUDGET_CONFLICT, decision.from(), decision.from(), 0,
                            "The pool is " + foreign + ", so it holds at " + decision.from() + " replicas until the budget is"
                                    + " labelled for this shard or the pool moves to the budget's shard.", decision.checks());
            return new BudgetShare(null, foreign, null, null, held);
        }
        BudgetClaim claim = BudgetClaims.of(key, BudgetSpecMapping.priority(pool.getSpec()), settings.policy(),
                settings.cost().hourly(1), state, signals, decision);
        BudgetRound round = ledger.submit(budget.name(), budget.limit(), claim,
                unreportedClaims(candidates, budget.name(), unreported, key));
        Decision constrained = BudgetClaims.constrain(decision, round, key, budget.name(),
                settings.policy().gpusPerReplica(), settings.policy().gpuHourlyCost());
        List<String> unknown = unknownMembers(candidates, budget.name(), unreported, key);
        if (constrained.to() > constrained.from() && constrained.reason() != Reason.OUT_OF_BOUNDS && !unknown.isEmpty()) {
            // A pool of the budget that was never evaluated holds replicas nobody has counted yet.
            constrained = new Decision(Action.NONE, Reason.BUDGET_LIMITED, constrained.from(), constrained.from(), 0,
                    decision.message() + " Budget " + budget.name() + " grants no scale-up until " + String.join(", ", unknown)
                            + " has been evaluated once, so its replicas are counted.", decision.checks());
        }
        return new BudgetShare(budget.name(), null, round, round.grantOf(key), constrained);
    }

    /** After the pool's evaluation wrote (or did not write) its target: the ledger and the budget's status follow. */
    public void applied(InferencePool pool, BudgetShare share, int replicasAfter, boolean preemptionApplied, Instant now) {
        if (!share.inBudget()) {
            return;
        }
        ledger.replicasChanged(key(pool), replicasAfter);
        List<InferenceBudget> known = budgets.get();
        Optional<InferenceBudget> budget = known.stream()
                .filter(b -> b.getMetadata().getName().equals(share.budget())).findFirst();
        budget.ifPresent(b -> {
            String uid = uid(b);
            Instant preempted = lastPreemption.get(uid);
            if (preemptionApplied) {
                preempted = lastPreemption.merge(uid, now, (a, c) -> a.isAfter(c) ? a : c);
                lastPreemption.keySet().retainAll(known.stream().map(BudgetCoordinator::uid).toList());
            }
            try {
                statusWriter.write(b, share.round(), preempted, now);
            } catch (RuntimeException e) {
                // The pool's own evaluation is done and correct; the budget's status catches up next round.
                LOG.warn("budget {}: could not write its status: {}", share.budget(), e.toString());
            }
        });
    }

    /** A budget deleted and made again under its name starts without the old one's preemption time. */
    private static String uid(InferenceBudget budget) {
        return budget.getMetadata().getUid() != null ? budget.getMetadata().getUid() : budget.getMetadata().getName();
    }

    public void forget(InferencePool pool) {
        ledger.withdraw(key(pool));
    }

    static String key(InferencePool pool) {
        return pool.getMetadata().getNamespace() + "/" + pool.getMetadata().getName();
    }

    /** @param owned whether this shard coordinates the budget; always, without a shard selector */
    private record BudgetCandidate(String name, BudgetLimit limit, BudgetMembership.Selectors selectors, boolean owned) {}

    /**
     * Every budget, this shard's or not, so that a pool selected by another shard's budget is held
     * rather than scaled as if it had none. Budgets whose spec the schema would refuse are skipped,
     * as if absent, and say so in their log line.
     */
    private List<BudgetCandidate> candidates() {
        List<BudgetCandidate> out = new ArrayList<>();
        for (InferenceBudget b : budgets.get()) {
            String name = b.getMetadata().getName();
            try {
                BudgetLimit limit = BudgetSpecMapping.limit(b.getSpec());
                out.add(new BudgetCandidate(name, limit, new BudgetMembership.Selectors(name,
                        BudgetSpecMapping.selection(b.getSpec().getNamespaceSelector(), "spec.namespaceSelector"),
                        BudgetSpecMapping.selection(b.getSpec().getPoolSelector(), "spec.poolSelector")),
                        shard == null || shard.selection().matches(b.getMetadata().getLabels())));
            } catch (InvalidSpecException e) {
                LOG.warn("budget {}: invalid spec, not applied: {}", name, e.getMessage());
            }
        }
        return out;
    }

    private static BudgetMembership membership(List<BudgetCandidate> candidates, InferencePool pool) {
        Map<String, String> labels = pool.getMetadata().getLabels() == null ? Map.of() : pool.getMetadata().getLabels();
        return BudgetMembership.of(candidates.stream().map(BudgetCandidate::selectors).toList(),
                Map.of(NAMESPACE_NAME_LABEL, pool.getMetadata().getNamespace()), labels);
    }

    /** Pools of the same budget never evaluated (no report, no status): what they hold is not known yet. */
    private List<String> unknownMembers(List<BudgetCandidate> candidates, String budget, List<InferencePool> pools, String self) {
        List<String> unknown = new ArrayList<>();
        for (InferencePool other : pools) {
            String key = key(other);
            // Only a pool with no status at all: one the operator could not evaluate has a status saying why.
            if (!key.equals(self) && ledger.budgetOf(key).isEmpty() && other.getStatus() == null
                    && membership(candidates, other).budget().filter(budget::equals).isPresent()) {
                unknown.add(key);
            }
        }
        return unknown;
    }

    /** Pools of the same budget that have not reported yet count with what their status says they hold. */
    private List<BudgetClaim> unreportedClaims(List<BudgetCandidate> candidates, String budget, List<InferencePool> pools,
            String self) {
        List<BudgetClaim> claims = new ArrayList<>();
        for (InferencePool other : pools) {
            String key = key(other);
            if (key.equals(self) || ledger.budgetOf(key).isPresent() || other.getStatus() == null
                    || other.getStatus().getReplicas() == null) {
                continue;
            }
            Optional<String> theirs = membership(candidates, other).budget();
            if (theirs.isEmpty() || !theirs.get().equals(budget)) {
                continue;
            }
            try {
                PoolSettings settings = PoolSettingsMapping.map(other.getSpec());
                int held = Math.max(0, other.getStatus().getReplicas());
                int wanted = Math.max(settings.policy().minReplicas(), Math.min(held, settings.policy().maxReplicas()));
                claims.add(new BudgetClaim(key, BudgetSpecMapping.priority(other.getSpec()), settings.policy().minReplicas(),
                        settings.policy().maxReplicas(), held, wanted, settings.cost().hourly(1),
                        settings.policy().gpusPerReplica(), false, true));
            } catch (InvalidSpecException e) {
                // A pool that cannot be evaluated holds nothing the budget could grant or take.
            }
        }
        return claims;
    }
}
