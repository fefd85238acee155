package dev.tokenscale.forecast;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How long a new replica takes from the order to serving, learned from the pool's own cold starts:
 * the p90 (nearest rank) of the last 20 measured, so one slow image pull does not set the lead
 * time but a slow tenth does. Until three are measured, the hint, or 120 s without one. Bounded:
 * 20 durations. Not thread-safe.
 */
public final class LeadTimeEstimator {

    /** What a GPU replica typically takes to pull weights and warm up, when nothing better is known. */
    public static final Duration DEFAULT_SEED = Duration.ofSeconds(120);
    static final int KEPT = 20;
    static final int NEEDED = 3;
    private static final double QUANTILE = 0.9;

    private final Duration seed;
    private final long[] millis = new long[KEPT];
    private int count;
    private int next;

    /** @param hint the user's estimate, or null for {@link #DEFAULT_SEED} */
    public LeadTimeEstimator(Duration hint) {
        if (hint != null && hint.isNegative()) {
            throw new IllegalArgumentException("a cold-start hint must be >= 0, got " + hint);
        }
        this.seed = hint == null ? DEFAULT_SEED : hint;
    }

    /** Records one cold start: from the scale write to all ordered replicas ready. */
    public void record(Duration coldStart) {
        if (coldStart.isNegative()) {
            throw new IllegalArgumentException("a cold start must be >= 0, got " + coldStart);
        }
        millis[next] = coldStart.toMillis();
        next = (next + 1) % KEPT;
        count = Math.min(count + 1, KEPT);
    }

    public int samples() {
        return count;
    }

    /** The kept samples, oldest first: what a store keeps so the estimate survives a restart. */
    public List<Duration> recent() {
        List<Duration> recent = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            recent.add(Duration.ofMillis(millis[Math.floorMod(next - count + i, KEPT)]));
        }
        return recent;
    }

    /** The p90 of the kept samples once there are three, the seed before. */
    public Duration estimate() {
        if (count < NEEDED) {
            return seed;
        }
        long[] sorted = Arrays.copyOf(millis, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(QUANTILE * count);
        return Duration.ofMillis(sorted[rank - 1]);
    }
}
