package dev.tokenscale.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What the operator last granted within a budget. */
public class InferenceBudgetStatus {

    /** The spec generation this status reflects. */
    @JsonPropertyDescription("The metadata.generation of the spec this status reflects.")
    private Long observedGeneration;

    /** USD per hour of every pool at its granted replicas. */
    @JsonPropertyDescription("USD per hour of the selected pools at their granted replicas, overhead included, as of the latest round.")
    private Double spentPerHour;

    /** GPUs of every pool at its granted replicas. */
    @JsonPropertyDescription("GPUs the selected pools hold at their granted replicas (replicas x gpusPerReplica), as of the latest round.")
    private Long gpus;

    /** How many pools the budget grants. */
    @JsonPropertyDescription("How many pools share the budget.")
    private Integer poolCount;

    /** How many pools got fewer replicas than they want. */
    @JsonPropertyDescription("How many pools were granted fewer replicas than their own policy wants.")
    private Integer cappedPools;

    /** What the unmet demand of non-preemptable pools would cost. */
    @JsonPropertyDescription("USD per hour of the replicas realtime and interactive pools want but could not be granted. 0 when none is short.")
    private Double shortfallPerHour;

    /** When a preemptable pool was last scaled down for another. */
    @JsonPropertyDescription("When a batch or background pool was last scaled down to free money for a realtime or interactive pool, RFC 3339.")
    private String lastPreemptionTime;

    /** Each pool's want and grant. */
    @JsonPropertyDescription("Each selected pool: its priority, what it holds, what its policy wants and what the budget granted.")
    private List<BudgetPoolStatus> pools = new ArrayList<>();

    /** Ready and OverCommitted. */
    @SchemaFrom(type = ConditionSchema[].class)
    @JsonPropertyDescription("Standard conditions: Ready (the latest round ran) and OverCommitted (the limit is exceeded, or a realtime or interactive pool is short).")
    private List<Condition> conditions = new ArrayList<>();

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public Double getSpentPerHour() {
        return spentPerHour;
    }

    public void setSpentPerHour(Double spentPerHour) {
        this.spentPerHour = spentPerHour;
    }

    public Long getGpus() {
        return gpus;
    }

    public void setGpus(Long gpus) {
        this.gpus = gpus;
    }

    public Integer getPoolCount() {
        return poolCount;
    }

    public void setPoolCount(Integer poolCount) {
        this.poolCount = poolCount;
    }

    public Integer getCappedPools() {
        return cappedPools;
    }

    public void setCappedPools(Integer cappedPools) {
        this.cappedPools = cappedPools;
    }

    public Double getShortfallPerHour() {
        return shortfallPerHour;
    }

    public void setShortfallPerHour(Double shortfallPerHour) {
        this.shortfallPerHour = shortfallPerHour;
    }

    public String getLastPreemptionTime() {
        return lastPreemptionTime;
    }

    public void setLastPreemptionTime(String lastPreemptionTime) {
        this.lastPreemptionTime = lastPreemptionTime;
    }

    public List<BudgetPoolStatus> getPools() {
        return pools;
    }

    public void setPools(List<BudgetPoolStatus> pools) {
        this.pools = pools;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }
}
