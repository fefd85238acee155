package dev.tokenscale.policy;

import java.util.Optional;

/**
 * One rule of the policy. Rules are asked in order and the first that wants something wins; each
 * records what it found, fired or not, so {@code explain} can show the whole walk. New triggers
 * (e.g. predictive pre-scaling) are new implementations placed in {@link CostAwarePolicy}'s list.
 */
interface ScalingRule {

    /** The rule's name in the explain trail. */
    String name();

    Optional<Want> evaluate(Evaluation evaluation);
}
