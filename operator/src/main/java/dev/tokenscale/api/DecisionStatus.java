package dev.tokenscale.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One scaling decision, as recorded in status. */
public class DecisionStatus {

    /** scale_up, scale_down or none. */
    @JsonPropertyDescription("scale_up, scale_down or none.")
    private String action;

    /** Why, e.g. slo_violation, cooldown or metrics_unavailable. */
    @JsonPropertyDescription("Why: slo_violation, high_utilization, queue_backlog, low_utilization, within_target, cooldown, at_max_replicas, replicas_starting, out_of_bounds or metrics_unavailable.")
    private String reason;

    /** Replicas before the decision. */
    @JsonPropertyDescription("Replicas before the decision.")
    private Integer from;

    /** Replicas after the decision. */
    @JsonPropertyDescription("Replicas after the decision.")
    private Integer to;

    /** When the evaluation shown here ran (RFC 3339); status is written only when something shown changes. */
    @JsonPropertyDescription("When the evaluation shown here ran, RFC 3339. Status is written only when something it shows changes, so a steady pool keeps an older time; the metric tokenscale_pool_last_evaluation_timestamp_seconds has the latest evaluation.")
    private String time;

    /** One human sentence. */
    @JsonPropertyDescription("The decision in one human sentence.")
    private String message;

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public Integer getFrom() {
        return from;
    }

    public void setFrom(Integer from) {
        this.from = from;
    }

    public Integer getTo() {
        return to;
    }

    public void setTo(Integer to) {
        this.to = to;
    }

    public String getTime() {
        return time;
    }

    public void setTime(String time) {
        this.time = time;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }
}
