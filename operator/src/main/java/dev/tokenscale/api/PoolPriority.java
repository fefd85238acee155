package dev.tokenscale.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The seed's priority classes. A budget grants its money in this order; batch and background pools
 * are preemptable. The seed suggests these SLOs per class (spec.slo always decides): realtime TTFT
 * 200ms / TPOT 30ms, interactive 1000ms / 50ms, batch 30000ms / 100ms, background 60000ms / 200ms.
 */
public enum PoolPriority {
    /** Served first, never preempted; suggested SLO TTFT 200ms, TPOT 30ms. */
    @JsonProperty("realtime")
    REALTIME,
    /** Served after realtime, never preempted; suggested SLO TTFT 1000ms, TPOT 50ms. The default. */
    @JsonProperty("interactive")
    INTERACTIVE,
    /** Preemptable; suggested SLO TTFT 30000ms, TPOT 100ms. */
    @JsonProperty("batch")
    BATCH,
    /** Preemptable, first to give way; suggested SLO TTFT 60000ms, TPOT 200ms. */
    @JsonProperty("background")
    BACKGROUND
}
