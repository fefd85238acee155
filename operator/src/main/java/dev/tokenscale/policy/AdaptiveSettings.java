package dev.tokenscale.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * What only the {@link Adaptive} policy reads.
 *
 * @param capacityHintRps the user's figure for requests per second one replica serves at 100%
 *     utilization ({@code spec.capacity.requestsPerSecondPerReplica}); it seeds the estimate until
 *     enough samples are learned. Null when the user gave none.
 * @param signalWindow how far back the signals look ({@code spec.metrics.window} in the operator,
 *     one step in {@code simulate}); a capacity sample is taken only when the ready replicas have
 *     not changed for this long, so the rate and utilization describe the replicas counted
 */
public record AdaptiveSettings(Double capacityHintRps, Duration signalWindow) {

    /** No hint, and signals that describe the moment they are read. */
    public static final AdaptiveSettings NONE = new AdaptiveSettings(null, Duration.ZERO);

    public AdaptiveSettings {
        Objects.requireNonNull(signalWindow, "signalWindow");
        if (capacityHintRps != null && !(capacityHintRps > 0 && Double.isFinite(capacityHintRps))) {
            throw new IllegalArgumentException("capacityHintRps must be a finite number > 0, got " + capacityHintRps);
        }
        if (signalWindow.isNegative()) {
            throw new IllegalArgumentException("signalWindow must be >= 0, got " + signalWindow);
        }
    }
}
