package dev.tokenscale.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** Step size of scaling decisions. */
public class ScalingSpec {

    /** Step, Proportional or Adaptive. */
    @Default("Step")
    @JsonPropertyDescription("Step moves one replica at a time (the seed's policy). Proportional scales up to ceil(replicas x utilization / targetPercent) and down to the fewest replicas that keep utilization at or under target. Adaptive sizes the pool for its measured requests per second and the per-replica capacity it learns (status.learned): straight to the desired count on the way up, down to the highest desired count of the last cooldown.scaleDown. Default Step.")
    private ScalingPolicyType policy;

    /** Most replicas added by one decision. */
    @Default("1")
    @Min(1)
    @Max(1000)
    @JsonPropertyDescription("The most replicas one decision adds, 1 to 1000. Default 1.")
    private Integer maxStepUp;

    /** Most replicas removed by one decision. */
    @Default("1")
    @Min(1)
    @Max(1000)
    @JsonPropertyDescription("The most replicas one decision removes, 1 to 1000. Default 1.")
    private Integer maxStepDown;

    /**
     * Whether a scale-down first marks the idlest pods with the pod-deletion-cost annotation, so the
     * ReplicaSet removes a pod that streams nothing. Needs patch on pods; off for teams that refuse it.
     */
    @Default("true")
    @JsonPropertyDescription("Before a Deployment scales down, mark the pods with the fewest running requests with the controller.kubernetes.io/pod-deletion-cost annotation, so the ReplicaSet removes an idle pod instead of one in the middle of a stream; the marks are removed at the next evaluation. Needs the patch verb on pods. StatefulSets (highest ordinal goes), LeaderWorkerSets and other kinds choose for themselves and are never annotated. Default true.")
    private Boolean drainAware;

    /** The user's estimate of one replica's cold start, until three are measured. */
    @Pattern(Durations.PATTERN)
    @JsonPropertyDescription("How long a new replica takes from the scale order to ready (pulling weights, warming up), as a duration, at most 60m. The operator measures each scale-up's cold start and uses the p90 of the last 20 (status.learned.coldStartSeconds) once three are measured; until then this hint, or 120s without one.")
    private String coldStartHint;

    /** Predictive pre-scaling from the pool's own history. */
    @JsonPropertyDescription("Predictive pre-scaling: forecast the demand from the pool's Prometheus history and order replicas one learned cold start ahead of it. Adaptive only.")
    private ForecastSpec forecast;

    public ScalingPolicyType getPolicy() {
        return policy;
    }

    public void setPolicy(ScalingPolicyType policy) {
        this.policy = policy;
    }

    public Integer getMaxStepUp() {
        return maxStepUp;
    }

    public void setMaxStepUp(Integer maxStepUp) {
        this.maxStepUp = maxStepUp;
    }

    public Integer getMaxStepDown() {
        return maxStepDown;
    }

    public void setMaxStepDown(Integer maxStepDown) {
        this.maxStepDown = maxStepDown;
    }

    public Boolean getDrainAware() {
        return drainAware;
    }

    public void setDrainAware(Boolean drainAware) {
        this.drainAware = drainAware;
    }

    public String getColdStartHint() {
        return coldStartHint;
    }

    public void setColdStartHint(String coldStartHint) {
        this.coldStartHint = coldStartHint;
    }

    public ForecastSpec getForecast() {
        return forecast;
    }

    public void setForecast(ForecastSpec forecast) {
        this.forecast = forecast;
    }
}
