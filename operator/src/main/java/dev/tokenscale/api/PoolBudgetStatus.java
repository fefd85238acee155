package dev.tokenscale.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The pool's budget and its share of it. */
public class PoolBudgetStatus {

    /** The InferenceBudget that selects the pool. */
    @JsonPropertyDescription("The InferenceBudget that selects this pool.")
    private String name;

    /** What the pool's policy wants. */
    @JsonPropertyDescription("The replicas the pool's own policy wants, unconstrained by the budget.")
    private Integer wanted;

    /** What the budget grants. */
    @JsonPropertyDescription("The replicas the budget granted; the operator never scales the pool beyond them, nor outside [minReplicas, maxReplicas].")
    private Integer granted;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
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
}
