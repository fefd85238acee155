package dev.tokenscale.policy;

import java.util.Objects;

/**
 * One evaluation's result: the decision, the memory to hand to the next evaluation (what the pool
 * learned included), and for the Adaptive policy the sizing arithmetic behind the decision.
 *
 * @param sizing null for Step and Proportional, and when Adaptive decided before sizing (bounds, no signals)
 */
public record PolicyOutcome(Decision decision, AdaptiveMemory memory, Sizing sizing) {

    public PolicyOutcome {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(memory, "memory");
    }
}
