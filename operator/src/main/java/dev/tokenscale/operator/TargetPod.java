package dev.tokenscale.operator;

import java.time.Instant;
import java.util.Objects;

/**
 * One live pod of the target, as plain values.
 *
 * @param createdAt the pod's creationTimestamp; the epoch when the API server gave none
 * @param marked whether it carries this operator's pod-deletion-cost mark from an earlier evaluation
 */
public record TargetPod(String name, boolean ready, Instant createdAt, boolean marked) {

    public TargetPod {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
