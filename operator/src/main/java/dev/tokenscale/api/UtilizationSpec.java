package dev.tokenscale.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** Utilization thresholds, in percent of the engine's capacity signal (vLLM: KV-cache usage). */
@ValidationRule(value = "!has(self.scaleDownBelowPercent) || !has(self.scaleUpAbovePercent) || self.scaleDownBelowPercent < self.scaleUpAbovePercent",
        message = "utilization.scaleDownBelowPercent must be lower than utilization.scaleUpAbovePercent, or the pool would scale up and down on the same load")
public class UtilizationSpec {

    /** Scale up when average utilization is above this. */
    @Default("80")
    @Min(0)
    @Max(100)
    @JsonPropertyDescription("Scale up when the pods' average utilization is above this percent. Default 80.")
    private Double scaleUpAbovePercent;

    /** Scale down when average utilization is below this, if every signal is present and the SLO is met. */
    @Default("30")
    @Min(0)
    @Max(100)
    @JsonPropertyDescription("Scale down when the pods' average utilization is below this percent, and only when every configured signal is present and the SLO is met. Default 30.")
    private Double scaleDownBelowPercent;

    /** The utilization the Proportional policy sizes the pool for. */
    @Default("70")
    @Min(1)
    @Max(100)
    @JsonPropertyDescription("The utilization percent the Proportional policy sizes the pool for. Default 70.")
    private Double targetPercent;

    public Double getScaleUpAbovePercent() {
        return scaleUpAbovePercent;
    }

    public void setScaleUpAbovePercent(Double scaleUpAbovePercent) {
        this.scaleUpAbovePercent = scaleUpAbovePercent;
    }

    public Double getScaleDownBelowPercent() {
        return scaleDownBelowPercent;
    }

    public void setScaleDownBelowPercent(Double scaleDownBelowPercent) {
        this.scaleDownBelowPercent = scaleDownBelowPercent;
    }

    public Double getTargetPercent() {
        return targetPercent;
    }

    public void setTargetPercent(Double targetPercent) {
        this.targetPercent = targetPercent;
    }
}
