package dev.tokenscale.policy;

/**
 * A pool's claim on its budget, from the same values its own policy saw: the decision's target is
 * what it wants; a latency over its SLO is a breach; a configured signal that is missing makes it
 * blind, so the budget never scales it down on its own account. The operator, {@code explain} and
 * {@code simulate} build claims only here.
 */
public final class BudgetClaims {

    private BudgetClaims() {}

    public static BudgetClaim of(String pool, Priority priority, PolicySettings settings, double replicaHourlyCost,
            ScalingState state, SignalSnapshot signals, Decision decision) {
        return new BudgetClaim(pool, priority, settings.minReplicas(), settings.maxReplicas(), state.replicas(),
                decision.to(), replicaHourlyCost, settings.gpusPerReplica(), breached(settings, signals),
                blind(settings, signals));
    }

    static boolean breached(PolicySettings settings, SignalSnapshot signals) {
        return over(signals.get(Signal.TTFT_P99_MS), settings.ttftSlo().toNanos() / 1e6)
                || over(signals.get(Signal.TPOT_P99_MS), settings.tpotSlo().toNanos() / 1e6);
    }

    private static boolean over(SignalReading reading, double sloMs) {
        return reading instanceof SignalReading.Present present && present.value() > sloMs;
    }

    private static boolean blind(PolicySettings settings, SignalSnapshot signals) {
        return MetricCoverage.configured(settings).stream().anyMatch(s -> !signals.get(s).isAvailable());
    }

    /**
     * The pool's decision once its budget has spoken: unchanged when the budget lets it take what it
     * wants, else a move to what the budget lets it take now (see {@link BudgetRound#applicable}).
     */
    public static Decision constrain(Decision decision, BudgetRound round, String pool, String budget,
            int gpusPerReplica, double gpuHourlyCost) {
        PoolGrant grant = round.grantOf(pool);
        int to = round.applicable(pool);
        if (to == decision.to()) {
            return decision;
        }
        int from = decision.from();
        Action action = to > from ? Action.SCALE_UP : to < from ? Action.SCALE_DOWN : Action.NONE;
        Reason reason = grant.preempted() || grant.trimmedToLimit() ? Reason.PREEMPTED : Reason.BUDGET_LIMITED;
        double savings = action == Action.SCALE_DOWN ? (from - to) * (double) gpusPerReplica * gpuHourlyCost : 0;
        String why = to < grant.granted()
                ? "Budget " + budget + " granted " + grant.granted() + " replicas; taking " + to
                        + " until the pools giving replicas back have done so."
                : "Budget " + budget + ": " + grant.why();
        return new Decision(action, reason, from, to, savings, decision.message() + " " + why, decision.checks());
    }
}
