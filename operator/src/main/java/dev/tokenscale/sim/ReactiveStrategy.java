package dev.tokenscale.sim;

import dev.tokenscale.policy.CostAwarePolicy;
import dev.tokenscale.policy.Decision;
import dev.tokenscale.policy.PolicySettings;

/**
 * The pool's own settings through the operator's {@link CostAwarePolicy}, step by step: it sees
 * what the metrics showed over the last step, its replicas and ready replicas, and its last
 * scale times, on a clock that follows the replayed day. Cooldowns, the replicas-starting hold and
 * the bounds are the policy's, not re-implemented here.
 */
public final class ReactiveStrategy implements Strategy {

    public static final String NAME = "reactive";

    /** Keeps the policy's memory too: an Adaptive pool's reactive strategy learns like the operator. */
    private final PolicyRun run;
    private final int initialReplicas;
    private Decision lastDecision;

    public ReactiveStrategy(CostAwarePolicy policy, PolicySettings settings, int initialReplicas, ReplayClock clock) {
        this.run = new PolicyRun(policy, settings, clock);
        this.initialReplicas = initialReplicas;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int initialReplicas() {
        return initialReplicas;
    }

    @Override
    public int replicasFor(StepView view) {
        lastDecision = run.step(view).decision();
        return lastDecision.to();
    }

    /** The decision of the latest step, or null before the first. */
    public Decision lastDecision() {
        return lastDecision;
    }
}
