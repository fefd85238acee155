package dev.tokenscale.sim;

import dev.tokenscale.policy.AdaptiveMemory;
import dev.tokenscale.policy.CostAwarePolicy;
import dev.tokenscale.policy.LearnedState;
import dev.tokenscale.policy.PolicyOutcome;
import dev.tokenscale.policy.Decision;
import dev.tokenscale.policy.PolicySettings;
import dev.tokenscale.policy.ScalingState;
import java.time.Instant;

/**
 * The pool's own settings through the operator's {@link CostAwarePolicy}, step by step: it sees
 * what the metrics showed over the last step, its replicas and ready replicas, and its last
 * scale times, on a clock that follows the replayed day. Cooldowns, the replicas-starting hold and
 * the bounds are the policy's, not re-implemented here.
 */
public final class ReactiveStrategy implements Strategy {

    public static final String NAME = "reactive";

    private final CostAwarePolicy policy;
    private final PolicySettings settings;
    private final int initialReplicas;
    private final ReplayClock clock;
    private Instant lastScaleUpTime;
    private Instant lastScaleDownTime;
    private Decision lastDecision;
    /** Kept for an Adaptive pool, whose reactive strategy learns like the operator; Step and Proportional leave it alone. */
    private AdaptiveMemory memory = AdaptiveMemory.fresh(LearnedState.NONE);

    public ReactiveStrategy(CostAwarePolicy policy, PolicySettings settings, int initialReplicas, ReplayClock clock) {
        this.policy = policy;
        this.settings = settings;
        this.initialReplicas = initialReplicas;
        this.clock = clock;
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
        clock.set(view.time());
        ScalingState state = new ScalingState(view.replicas(), view.readyReplicas(), lastScaleUpTime, lastScaleDownTime);
        PolicyOutcome outcome = policy.evaluate(settings, ObservedSignals.snapshot(view.observed(), view.time()), state,
                memory, clock);
        memory = outcome.memory();
        Decision decision = outcome.decision();
        if (decision.to() > view.replicas()) {
            lastScaleUpTime = view.time();
        } else if (decision.to() < view.replicas()) {
            lastScaleDownTime = view.time();
        }
        lastDecision = decision;
        return decision.to();
    }

    /** The decision of the latest step, or null before the first. */
    public Decision lastDecision() {
        return lastDecision;
    }
}
