package dev.tokenscale.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** What to scale, within which bounds, against which SLOs and at what cost. */
@ValidationRule(value = "!has(self.minReplicas) || self.minReplicas <= self.maxReplicas",
        message = "minReplicas must not be greater than maxReplicas")
@ValidationRule(value = "!has(self.evaluationInterval) || duration(self.evaluationInterval) >= duration('1s')",
        message = "evaluationInterval must be at least 1s")
public class InferencePoolSpec {

    /** The workload to scale through its /scale subresource. */
    @Required
    @JsonPropertyDescription("The workload to scale: any kind with a /scale subresource (Deployment, StatefulSet, LeaderWorkerSet, ...).")
    private ScaleTargetRef scaleTargetRef;

    /** Fewest replicas the operator keeps. */
    @Default("1")
    @Min(0)
    @JsonPropertyDescription("The fewest replicas the operator keeps. Default 1. 0 lets an idle pool scale to zero.")
    private Integer minReplicas;

    /** Most replicas the operator scales to. */
    @Required
    @Min(1)
    @JsonPropertyDescription("The most replicas the operator scales to; the cost ceiling of the pool.")
    private Integer maxReplicas;

    /** Priority class within an InferenceBudget; the seed's four classes. */
    @Default("interactive")
    @JsonPropertyDescription("Priority class when an InferenceBudget selects this pool: realtime, interactive (default), batch or background. "
            + "A budget grants replicas realtime first; batch and background are preemptable, scaled down toward minReplicas when a realtime or "
            + "interactive pool of the same budget needs the money. The seed's suggested spec.slo per class (spec.slo always decides): "
            + "realtime ttftP99 200ms / tpotP99 30ms, interactive 1000ms / 50ms, batch 30000ms / 100ms, background 60000ms / 200ms. "
            + "Without a budget the priority changes nothing.")
    private PoolPriority priority;

    /** Auto acts; Recommend only reports. */
    @Default("Auto")
    @JsonPropertyDescription("Auto patches the workload's replicas. Recommend never touches the workload and only reports status.recommendedReplicas. Default Auto.")
    private PoolMode mode;

    /** How often the pool is evaluated. */
    @Default("15s")
    @Pattern(Durations.PATTERN)
    @JsonPropertyDescription("How often the pool is evaluated, as a duration of at least 1s. Default 15s.")
    private String evaluationInterval;

    /** Latency objectives. */
    @JsonPropertyDescription("Latency SLOs. A P99 above either one scales up, whatever the utilization.")
    private SloSpec slo;

    /** Utilization thresholds. */
    @JsonPropertyDescription("Utilization thresholds for scaling up and down, in percent.")
    private UtilizationSpec utilization;

    /** Queue-depth limit. */
    @JsonPropertyDescription("Queue-depth limit per replica. Unset: the queue signal is not used.")
    private QueueSpec queue;

    /** Cooldowns between actions. */
    @JsonPropertyDescription("Minimum times between scaling actions.")
    private CooldownSpec cooldown;

    /** Step size of decisions. */
    @JsonPropertyDescription("How far one decision moves the replica count.")
    private ScalingSpec scaling;

    /** What one replica can serve, as a hint for the Adaptive policy until it has learned its own figure. */
    @JsonPropertyDescription("What one replica can serve. Only the Adaptive policy reads it, and only until it has learned the figure from the pool itself (status.learned).")
    private CapacitySpec capacity;

    /** What a replica costs. */
    @Required
    @JsonPropertyDescription("What one replica costs, for status.cost and savings estimates.")
    private CostSpec cost;

    /** Where the signals come from. */
    @JsonPropertyDescription("Where and how the signals are read from Prometheus.")
    private MetricsSpec metrics;

    public ScaleTargetRef getScaleTargetRef() {
        return scaleTargetRef;
    }

    public void setScaleTargetRef(ScaleTargetRef scaleTargetRef) {
        this.scaleTargetRef = scaleTargetRef;
    }

    public Integer getMinReplicas() {
        return minReplicas;
    }

    public void setMinReplicas(Integer minReplicas) {
        this.minReplicas = minReplicas;
    }

    public Integer getMaxReplicas() {
        return maxReplicas;
    }

    public void setMaxReplicas(Integer maxReplicas) {
        this.maxReplicas = maxReplicas;
    }

    public PoolMode getMode() {
        return mode;
    }

    public void setMode(PoolMode mode) {
        this.mode = mode;
    }

    public String getEvaluationInterval() {
        return evaluationInterval;
    }

    public void setEvaluationInterval(String evaluationInterval) {
        this.evaluationInterval = evaluationInterval;
    }

    public SloSpec getSlo() {
        return slo;
    }

    public void setSlo(SloSpec slo) {
        this.slo = slo;
    }

    public UtilizationSpec getUtilization() {
        return utilization;
    }

    public void setUtilization(UtilizationSpec utilization) {
        this.utilization = utilization;
    }

    public QueueSpec getQueue() {
        return queue;
    }

    public void setQueue(QueueSpec queue) {
        this.queue = queue;
    }

    public CooldownSpec getCooldown() {
        return cooldown;
    }

    public void setCooldown(CooldownSpec cooldown) {
        this.cooldown = cooldown;
    }

    public CapacitySpec getCapacity() {
        return capacity;
    }

    public void setCapacity(CapacitySpec capacity) {
        this.capacity = capacity;
    }

    public ScalingSpec getScaling() {
        return scaling;
    }

    public void setScaling(ScalingSpec scaling) {
        this.scaling = scaling;
    }

    public CostSpec getCost() {
        return cost;
    }

    public void setCost(CostSpec cost) {
        this.cost = cost;
    }

    public PoolPriority getPriority() {
        return priority;
    }

    public void setPriority(PoolPriority priority) {
        this.priority = priority;
    }

    public MetricsSpec getMetrics() {
        return metrics;
    }

    public void setMetrics(MetricsSpec metrics) {
        this.metrics = metrics;
    }
}
