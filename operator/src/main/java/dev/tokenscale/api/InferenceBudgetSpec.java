package dev.tokenscale.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** The limits of a budget and the pools it selects. */
@ValidationRule(value = "has(self.maxHourlyCost) || has(self.maxGPUs)",
        message = "set maxHourlyCost, maxGPUs or both")
public class InferenceBudgetSpec {

    /** USD per hour, overhead counted as in the pools' cost. */
    @Min(0)
    @JsonPropertyDescription("The most the selected pools may cost together, in USD per hour, each pool counted as replicas x gpusPerReplica x "
            + "gpuHourlyCost x (1 + overheadPercent/100), as in its status.cost.hourly. Optional if maxGPUs is set.")
    private Double maxHourlyCost;

    /** GPUs, counted as replicas × gpusPerReplica. */
    @Min(0)
    @JsonProperty("maxGPUs")
    @JsonPropertyDescription("The most GPUs the selected pools may hold together, counted as replicas x gpusPerReplica. Optional if maxHourlyCost is set.")
    private Integer maxGPUs;

    /** Which namespaces' pools the budget selects. */
    @JsonPropertyDescription("Selects the namespaces whose pools share this budget. The operator reads no Namespace objects (its RBAC has none), "
            + "so the only namespace label it matches is kubernetes.io/metadata.name, the namespace's name, which Kubernetes sets on every namespace; "
            + "e.g. matchExpressions [{key: kubernetes.io/metadata.name, operator: In, values: [team-a, team-b]}]. Unset or empty: every namespace.")
    private BudgetLabelSelector namespaceSelector;

    /** Which pools, by their labels, the budget selects. */
    @JsonPropertyDescription("Selects the pools that share this budget, by their labels, within the selected namespaces. Unset or empty: every pool there. "
            + "A pool selected by two budgets belongs to neither and gets the condition BudgetLimited=False, reason BudgetConflict, naming both.")
    private BudgetLabelSelector poolSelector;

    public Double getMaxHourlyCost() {
        return maxHourlyCost;
    }

    public void setMaxHourlyCost(Double maxHourlyCost) {
        this.maxHourlyCost = maxHourlyCost;
    }

    @JsonProperty("maxGPUs")
    public Integer getMaxGPUs() {
        return maxGPUs;
    }

    @JsonProperty("maxGPUs")
    public void setMaxGPUs(Integer maxGPUs) {
        this.maxGPUs = maxGPUs;
    }

    public BudgetLabelSelector getNamespaceSelector() {
        return namespaceSelector;
    }

    public void setNamespaceSelector(BudgetLabelSelector namespaceSelector) {
        this.namespaceSelector = namespaceSelector;
    }

    public BudgetLabelSelector getPoolSelector() {
        return poolSelector;
    }

    public void setPoolSelector(BudgetLabelSelector poolSelector) {
        this.poolSelector = poolSelector;
    }
}
