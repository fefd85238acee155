package dev.tokenscale.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What the operator last saw and decided for the pool. */
public class InferencePoolStatus {

    /** The spec generation this status reflects. */
    @JsonPropertyDescription("The metadata.generation of the spec this status reflects.")
    private Long observedGeneration;

    /** Replicas the target has, from its /scale subresource. */
    @JsonPropertyDescription("The replicas the target has now, read from its /scale subresource.")
    private Integer replicas;

    /** Replicas that are ready to serve. */
    @JsonPropertyDescription("The target's replicas that are ready to serve.")
    private Integer readyReplicas;

    /** Replicas the operator wants, after bounds, cooldowns and holds. */
    @JsonPropertyDescription("The replicas the operator wants now, after bounds, cooldowns and holds. In Auto mode it writes them to the target.")
    private Integer desiredReplicas;

    /** Replicas the policy recommends; in Recommend mode the only output. */
    @JsonPropertyDescription("The replicas the policy recommends. In Recommend mode the operator only reports this and never changes the target.")
    private Integer recommendedReplicas;

    /** When the operator last scaled up (RFC 3339); keeps the cooldown across restarts. */
    @JsonPropertyDescription("When the operator last scaled the target up, RFC 3339. Kept here so a restarted operator keeps its cooldowns.")
    private String lastScaleUpTime;

    /** When the operator last scaled down (RFC 3339). */
    @JsonPropertyDescription("When the operator last scaled the target down, RFC 3339. Kept here so a restarted operator keeps its cooldowns.")
    private String lastScaleDownTime;

    /** The latest decision. */
    @JsonPropertyDescription("The latest scaling decision and why it was made.")
    private DecisionStatus lastDecision;

    /** The latest signal values. */
    @JsonPropertyDescription("The signals read at the latest evaluation. A missing or idle signal has no value here; see health.")
    private SignalsStatus signals;

    /** Cost of the pool now. */
    @JsonPropertyDescription("What the pool costs now, from the seed's cost model.")
    private CostStatus cost;

    /** The budget the pool belongs to, if any. */
    @JsonPropertyDescription("The InferenceBudget that selects the pool, what the pool wants and what the budget granted. Absent without a budget.")
    private PoolBudgetStatus budget;

    /** What the pool has learned about itself; kept here so a restarted operator keeps it. */
    @JsonPropertyDescription("What the Adaptive policy has learned about the pool. Kept here so a restarted operator keeps it.")
    private LearnedStatus learned;

    /** Ready, MetricsAvailable, ScalingActive, ScalingLimited, SLOMet and BudgetLimited. */
    @SchemaFrom(type = ConditionSchema[].class)
    @JsonPropertyDescription("Standard conditions: Ready, MetricsAvailable, ScalingActive, ScalingLimited, SLOMet and, in a budget, BudgetLimited.")
    private List<Condition> conditions = new ArrayList<>();

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public Integer getReadyReplicas() {
        return readyReplicas;
    }

    public void setReadyReplicas(Integer readyReplicas) {
        this.readyReplicas = readyReplicas;
    }

    public Integer getDesiredReplicas() {
        return desiredReplicas;
    }

    public void setDesiredReplicas(Integer desiredReplicas) {
        this.desiredReplicas = desiredReplicas;
    }

    public Integer getRecommendedReplicas() {
        return recommendedReplicas;
    }

    public void setRecommendedReplicas(Integer recommendedReplicas) {
        this.recommendedReplicas = recommendedReplicas;
    }

    public String getLastScaleUpTime() {
        return lastScaleUpTime;
    }

    public void setLastScaleUpTime(String lastScaleUpTime) {
        this.lastScaleUpTime = lastScaleUpTime;
    }

    public String getLastScaleDownTime() {
        return lastScaleDownTime;
    }

    public void setLastScaleDownTime(String lastScaleDownTime) {
        this.lastScaleDownTime = lastScaleDownTime;
    }

    public DecisionStatus getLastDecision() {
        return lastDecision;
    }

    public void setLastDecision(DecisionStatus lastDecision) {
        this.lastDecision = lastDecision;
    }

    public SignalsStatus getSignals() {
        return signals;
    }

    public void setSignals(SignalsStatus signals) {
        this.signals = signals;
    }

    public CostStatus getCost() {
        return cost;
    }

    public void setCost(CostStatus cost) {
        this.cost = cost;
    }

    public PoolBudgetStatus getBudget() {
        return budget;
    }

    public void setBudget(PoolBudgetStatus budget) {
        this.budget = budget;
    }

    public LearnedStatus getLearned() {
        return learned;
    }

    public void setLearned(LearnedStatus learned) {
        this.learned = learned;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }
}
