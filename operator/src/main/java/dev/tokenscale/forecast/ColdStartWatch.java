package dev.tokenscale.forecast;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Measures a pool's cold starts: from a scale-up's order to the moment the ready replicas reach the
 * count it ordered, and keeps the {@link LeadTimeEstimator} of them. A later scale-up before the
 * first is ready restarts the measure (its replicas are the ones still starting); a scale-down below
 * the ordered count drops it, since that count will never be ready. Bounded: one pending order and
 * the estimator's 20 durations. Not thread-safe: one per pool.
 */
public final class ColdStartWatch {

    private final Duration hint;
    private final LeadTimeEstimator estimator;
    private long total;
    private Instant orderedAt;
    private int orderedCount;

    /** @param hint the user's estimate until three are measured; null for {@link LeadTimeEstimator#DEFAULT_SEED} */
    public ColdStartWatch(Duration hint) {
        this(hint, List.of(), 0);
    }

    /**
     * A watch that carries on from a store (the operator's status): the recent measured cold starts,
     * oldest first, and how many were measured in all.
     */
    public ColdStartWatch(Duration hint, List<Duration> recent, long total) {
        this.hint = hint;
        this.estimator = new LeadTimeEstimator(hint);
        for (Duration coldStart : recent) {
            if (!coldStart.isNegative()) {
                estimator.record(coldStart);
            }
        }
        this.total = Math.max(total, estimator.samples());
    }

    /** The hint this watch was seeded with; null for the default. */
    public Duration hint() {
        return hint;
    }

    /** A scale-up to {@code count} replicas was ordered at {@code at}. */
    public void ordered(Instant at, int count) {
        orderedAt = at;
        orderedCount = count;
    }

    /**
     * What the workload looks like at {@code now}; returns the cold start this sight completed, if
     * any, and records it.
     */
    public Optional<Duration> observe(Instant now, int replicas, int ready) {
        if (orderedAt == null) {
            return Optional.empty();
        }
        if (replicas < orderedCount) {
            orderedAt = null;
            return Optional.empty();
        }
        if (ready < orderedCount || now.isBefore(orderedAt)) {
            return Optional.empty();
        }
        Duration coldStart = Duration.between(orderedAt, now);
        orderedAt = null;
        estimator.record(coldStart);
        total++;
        return Optional.of(coldStart);
    }

    /** The lead time to plan with: p90 of the last 20 measured, or the seed before three. */
    public Duration estimate() {
        return estimator.estimate();
    }

    /** How many cold starts were measured in all. */
    public long samples() {
        return total;
    }

    /** The recent measured cold starts, oldest first, at most 20. */
    public List<Duration> recent() {
        return estimator.recent();
    }

    /** Whether a scale-up is being timed. */
    public boolean pending() {
        return orderedAt != null;
    }
}
