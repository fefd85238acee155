package dev.tokenscale.policy;

import java.time.Clock;

/**
 * The seed's {@code CostAwareAutoscaler.evaluate}, completed: SLO violation, high utilization and
 * queue backlog scale up; low utilization scales down; cooldowns, bounds and holds apply. The same
 * instance serves the operator, {@code explain}, {@code simulate} and {@code demo}.
 */
public final class CostAwarePolicy {

    public Decision decide(PolicySettings settings, SignalSnapshot signals, ScalingState state, Clock clock) {
        throw new UnsupportedOperationException("CostAwarePolicy.decide is being implemented (issue 2)");
    }
}
