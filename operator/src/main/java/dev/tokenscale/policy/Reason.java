package dev.tokenscale.policy;

/** Why the policy decided what it decided. The keys are the wire names used in status, JSON and metrics. */
public enum Reason {
    SLO_VIOLATION("slo_violation"),
    HIGH_UTILIZATION("high_utilization"),
    QUEUE_BACKLOG("queue_backlog"),
    LOW_UTILIZATION("low_utilization"),
    WITHIN_TARGET("within_target"),
    COOLDOWN("cooldown"),
    AT_MAX_REPLICAS("at_max_replicas"),
    REPLICAS_STARTING("replicas_starting"),
    OUT_OF_BOUNDS("out_of_bounds"),
    METRICS_UNAVAILABLE("metrics_unavailable"),
    /** Adaptive: sized to the measured demand and the per-replica capacity. */
    DEMAND("demand"),
    /** Adaptive: more replicas than the highest desired count of the stabilization window. */
    EXCESS_CAPACITY("excess_capacity"),
    /** Adaptive with the forecast: replicas ordered ahead of the demand forecast within the horizon, or kept for it. */
    FORECAST("forecast"),
    /** A scale-down held because too few of the ready pods report metrics (below spec.metrics.minCoverage). */
    LOW_COVERAGE("low_coverage"),
    /** The pool's budget granted fewer replicas than its policy wants. */
    BUDGET_LIMITED("budget_limited"),
    /** A preemptable pool gave replicas back to its budget for a higher-priority pool, whatever its cooldown. */
    PREEMPTED("preempted"),
    /** Two budgets select the pool, so it belongs to neither and holds. */
    BUDGET_CONFLICT("budget_conflict");

    private final String key;

    Reason(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
