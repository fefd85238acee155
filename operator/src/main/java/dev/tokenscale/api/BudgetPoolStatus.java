package dev.tokenscale.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One pool's part in its budget's latest round. */
public class BudgetPoolStatus {

    /** The pool's namespace. */
    @JsonPropertyDescription("The pool's namespace.")
    private String namespace;

    /** The pool's name. */
    @JsonPropertyDescription("The pool's name.")
    private String name;

    /** The pool's priority class. */
    @JsonPropertyDescription("The pool's priority class: realtime, interactive, batch or background.")
    private String priority;

    /** What the pool held. */
    @JsonPropertyDescription("The replicas the pool held at the round.")
    private Integer replicas;

    /** What its own policy wants. */
    @JsonPropertyDescription("The replicas the pool's own policy wants, unconstrained by the budget.")
    private Integer wanted;

    /** What the budget granted. */
    @JsonPropertyDescription("The replicas the budget granted the pool.")
    private Integer granted;

    /** Why, in a sentence. */
    @JsonPropertyDescription("Why the pool got what it got, in one sentence (granted, capped, or preempted and for whom).")
    private String message;

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getPriority() {
        return priority;
    }

    public void setPriority(String priority) {
        this.priority = priority;
    }

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public Integer getWanted() {
        return wanted;
    }

    public void setWanted(Integer wanted) {
        this.wanted = wanted;
    }

    public Integer getGranted() {
        return granted;
    }

    public void setGranted(Integer granted) {
        this.granted = granted;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }
}
