package dev.tokenscale.operator;

/**
 * The reasons of the Events the operator records on a pool, or on its own Lease (the last two);
 * `kubectl get events` shows these words.
 */
public enum EventReason {
    ScaledUp(EventReason.NORMAL),
    ScaledDown(EventReason.NORMAL),
    ScalingHeld(EventReason.NORMAL),
    Recommendation(EventReason.NORMAL),
    MetricsUnavailable(EventReason.WARNING),
    /** The idlest pods could not be marked with pod-deletion-cost (or the marks cleared); the scaling went on. */
    PodsNotMarked(EventReason.WARNING),
    TargetNotFound(EventReason.WARNING),
    InvalidSpec(EventReason.WARNING),
    /** The policy's replica count failed the last check before /scale; nothing was written. */
    InvalidDecision(EventReason.WARNING),
    /** status.lastScaleUpTime or lastScaleDownTime is unreadable, or in the future beyond the clock-skew allowance. */
    InvalidScaleTime(EventReason.WARNING),
    /** This replica waits: another holds the Lease. */
    NotLeader(EventReason.NORMAL),
    /** RBAC refuses a verb on the Lease, so no replica can lead or keep leading. */
    LeaseForbidden(EventReason.WARNING),
    /** A preemptable pool gave replicas back for a higher-priority pool of its budget. */
    Preempted(EventReason.NORMAL),
    /** The pool's budget granted fewer replicas than it wants. */
    BudgetLimited(EventReason.WARNING),
    /** Two budgets select the pool. */
    BudgetConflict(EventReason.WARNING);

    private static final String NORMAL = "Normal";
    private static final String WARNING = "Warning";

    private final String type;

    EventReason(String type) {
        this.type = type;
    }

    /** The Event type: Normal or Warning. */
    public String type() {
        return type;
    }
}
