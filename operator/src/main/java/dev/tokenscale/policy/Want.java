package dev.tokenscale.policy;

/**
 * What a rule asks for before bounds, holds and cooldowns are applied.
 *
 * @param action {@link Action#NONE} when the rule settles the decision without a change (e.g. it
 *     refused to scale down blind)
 * @param why the finding in words, reused in the decision's message
 */
record Want(Action action, Reason reason, String why) {}
