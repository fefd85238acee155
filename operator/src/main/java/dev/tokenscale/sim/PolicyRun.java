package dev.tokenscale.sim;

import dev.tokenscale.policy.AdaptiveMemory;
import dev.tokenscale.policy.CostAwarePolicy;
import dev.tokenscale.policy.LearnedState;
import dev.tokenscale.policy.PolicyOutcome;
import dev.tokenscale.policy.PolicySettings;
import dev.tokenscale.policy.ScalingState;
import java.time.Instant;

/**
 * One pool's settings through the operator's {@link CostAwarePolicy}, step by step, keeping what the
 * operator keeps between evaluations: the last scale times and the policy's memory. The strategies
 * that replay a policy differ only in the settings they hand it, so this loop exists once.
 */
final class PolicyRun {

    private final CostAwarePolicy policy;
    private final PolicySettings settings;
    private final ReplayClock clock;
    private AdaptiveMemory memory = AdaptiveMemory.fresh(LearnedState.NONE);
    private Instant lastScaleUpTime;
    private Instant lastScaleDownTime;

    PolicyRun(CostAwarePolicy policy, PolicySettings settings, ReplayClock clock) {
        this.policy = policy;
        this.settings = settings;
        this.clock = clock;
    }

    /** Evaluates the policy on what the metrics showed over the step, and records a scale as the operator would. */
    PolicyOutcome step(StepView view) {
        clock.set(view.time());
        ScalingState state = new ScalingState(view.replicas(), view.readyReplicas(), lastScaleUpTime, lastScaleDownTime);
        PolicyOutcome outcome = policy.evaluate(settings, ObservedSignals.snapshot(view.observed(), view.time()), state,
                memory, clock);
        memory = outcome.memory();
        int to = outcome.decision().to();
        if (to > view.replicas()) {
            lastScaleUpTime = view.time();
        } else if (to < view.replicas()) {
            lastScaleDownTime = view.time();
        }
        return outcome;
    }

    /** What the policy has learned so far. */
    LearnedState learned() {
        return memory.learned();
    }
}
