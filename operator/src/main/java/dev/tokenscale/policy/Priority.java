package dev.tokenscale.policy;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The seed's four priority classes ({@code PreemptionCostOptimizer.priority_levels}), highest first.
 * A budget grants replicas in this order, and scales the preemptable classes down, lowest first, when
 * a non-preemptable pool needs the money. The SLOs are the seed's suggestions only: a pool's own
 * {@code spec.slo} always decides.
 */
public enum Priority {
    REALTIME("realtime", false, Duration.ofMillis(200), Duration.ofMillis(30)),
    INTERACTIVE("interactive", false, Duration.ofMillis(1000), Duration.ofMillis(50)),
    BATCH("batch", true, Duration.ofMillis(30_000), Duration.ofMillis(100)),
    BACKGROUND("background", true, Duration.ofMillis(60_000), Duration.ofMillis(200));

    /** A pool that names no priority is interactive: served promptly, never preempted. */
    public static final Priority DEFAULT = INTERACTIVE;

    private final String key;
    private final boolean preemptable;
    private final Duration suggestedTtftP99;
    private final Duration suggestedTpotP99;

    Priority(String key, boolean preemptable, Duration suggestedTtftP99, Duration suggestedTpotP99) {
        this.key = key;
        this.preemptable = preemptable;
        this.suggestedTtftP99 = suggestedTtftP99;
        this.suggestedTpotP99 = suggestedTpotP99;
    }

    public String key() {
        return key;
    }

    public boolean preemptable() {
        return preemptable;
    }

    public Duration suggestedTtftP99() {
        return suggestedTtftP99;
    }

    public Duration suggestedTpotP99() {
        return suggestedTpotP99;
    }

    public static Optional<Priority> ofKey(String key) {
        return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst();
    }
}
