package dev.tokenscale.policy;

/**
 * One line of the policy's reasoning: which rule it looked at, what it found, and whether the rule
 * fired. {@code explain --output text} prints these in order.
 */
public record RuleCheck(String rule, String finding, boolean fired) {}
