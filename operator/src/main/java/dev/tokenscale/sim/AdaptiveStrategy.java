package dev.tokenscale.sim;

import dev.tokenscale.policy.AdaptiveSettings;
import dev.tokenscale.policy.CostAwarePolicy;
import dev.tokenscale.policy.LearnedState;
import dev.tokenscale.policy.PolicyOutcome;
import dev.tokenscale.policy.PolicySettings;
import dev.tokenscale.policy.StepPolicy;
import java.time.Duration;

/**
 * The pool's settings with {@code policy: Adaptive}, through the operator's policy, step by step.
 * It learns the per-replica capacity from what the replay shows it, as the operator does from
 * Prometheus, and is never handed the model's capacity. Its learned state lives here, in memory.
 *
 * <p>When the pool's own policy is Step, Step's maxStepUp and maxStepDown belong to Step: the
 * adaptive strategy runs unlimited. A Proportional or Adaptive pool's own caps are kept.
 */
public final class AdaptiveStrategy implements Strategy {

    public static final String NAME = "adaptive";

    private final PolicyRun run;
    private final int initialReplicas;
    private PolicyOutcome lastOutcome;

    /** @param step the replay step: the window the observed signals cover */
    public AdaptiveStrategy(CostAwarePolicy policy, PolicySettings poolSettings, Duration step, int initialReplicas,
            ReplayClock clock) {
        this.run = new PolicyRun(policy, adaptive(poolSettings, step), clock);
        this.initialReplicas = initialReplicas;
    }

    static PolicySettings adaptive(PolicySettings pool, Duration step) {
        boolean ownCaps = pool.stepPolicy() != StepPolicy.STEP;
        return pool.withPolicy(StepPolicy.ADAPTIVE,
                ownCaps ? pool.maxStepUp() : PolicySettings.UNLIMITED,
                ownCaps ? pool.maxStepDown() : PolicySettings.UNLIMITED,
                new AdaptiveSettings(null, step));
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
        lastOutcome = run.step(view);
        return lastOutcome.decision().to();
    }

    /** What the strategy has learned so far. */
    public LearnedState learned() {
        return run.learned();
    }

    /** The outcome of the latest step, or null before the first. */
    public PolicyOutcome lastOutcome() {
        return lastOutcome;
    }
}
