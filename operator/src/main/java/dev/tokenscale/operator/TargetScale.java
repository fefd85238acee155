package dev.tokenscale.operator;

/**
 * What a target's /scale subresource says.
 *
 * @param specReplicas the replicas asked for
 * @param statusReplicas the replicas that exist
 * @param selector the label selector of the target's pods, in string form; empty when the kind reports none
 * @param resourceVersion sent back with a write, so a concurrent change makes it fail with 409
 */
public record TargetScale(int specReplicas, int statusReplicas, String selector, String resourceVersion) {}
