package dev.tokenscale.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One burst the Adaptive policy saw: demand that jumped 3x or more, cost the SLO and fell back within a cold start. */
public class LearnedBurst {

    /** When the burst began (RFC 3339). */
    @JsonPropertyDescription("When demand jumped, RFC 3339.")
    private String start;

    /** When the burst ended (RFC 3339). */
    @JsonPropertyDescription("When the burst ended, RFC 3339: its queue drained, or the next burst began.")
    private String end;

    /** How long demand stayed up, in seconds. */
    @JsonPropertyDescription("How long demand stayed at 3x its level or more, in seconds.")
    private Double durationSeconds;

    /** The work the replicas did for it, in replica-seconds. */
    @JsonPropertyDescription("The work the ready replicas did from the jump until its queue drained, in replica-seconds at 100% utilization. The pool holds enough replicas to do the median burst's work within one cold start while bursts recur.")
    private Double workReplicaSeconds;

    public String getStart() {
        return start;
    }

    public void setStart(String start) {
        this.start = start;
    }

    public String getEnd() {
        return end;
    }

    public void setEnd(String end) {
        this.end = end;
    }

    public Double getDurationSeconds() {
        return durationSeconds;
    }

    public void setDurationSeconds(Double durationSeconds) {
        this.durationSeconds = durationSeconds;
    }

    public Double getWorkReplicaSeconds() {
        return workReplicaSeconds;
    }

    public void setWorkReplicaSeconds(Double workReplicaSeconds) {
        this.workReplicaSeconds = workReplicaSeconds;
    }
}
