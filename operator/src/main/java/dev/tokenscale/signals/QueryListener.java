package dev.tokenscale.signals;

/**
 * Told of every query sent to Prometheus, so the operator can count them without {@code signals}
 * knowing its metrics library. The labels are few and bounded: never a pool's name.
 */
@FunctionalInterface
public interface QueryListener {

    QueryListener NONE = (mode, preset, query) -> { };

    /**
     * @param mode {@code batch} for a query that serves a group of pools, {@code pool} for one pool's own
     * @param preset the preset's name, or {@code custom}
     * @param query a signal's key, {@code runningRequests}, or {@code <signal>.requestRate}; for a
     *     {@link MergedQuery} its parts' joined with {@code +}
     */
    void sent(String mode, String preset, String query);
}
