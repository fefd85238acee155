package dev.tokenscale.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/**
 * Predictive pre-scaling: forecast the pool's demand from its own Prometheus history and order
 * replicas one learned cold start before the load arrives. Read by the Adaptive policy only.
 */
public class ForecastSpec {

    /** Whether the forecast may raise the pool ahead of demand; the default depends on the policy. */
    @JsonPropertyDescription("Whether the Adaptive policy orders replicas ahead of the demand it forecasts from the pool's Prometheus history. Default true for Adaptive; Step and Proportional never forecast, and true there is rejected.")
    private Boolean enabled;

    /** How far ahead to plan; unset means the learned cold start plus one evaluation interval. */
    @Pattern(Durations.PATTERN)
    @JsonPropertyDescription("How far ahead to plan, as a duration (at most 60m). Default: the learned cold start (status.learned.coldStartSeconds) plus one evaluationInterval.")
    private String horizon;

    /** Which earlier time the forecast takes its shape from. */
    @Default("daily")
    @JsonPropertyDescription("daily (the same time on recent days), weekly (the same time in recent weeks; used once 14 days of history exist, daily until then) or none (the short-term trend alone). Default daily.")
    private ForecastSeasonality seasonality;

    /** The one-sided probability that the upper band covers the demand. */
    @Default("0.9")
    @Min(0.5)
    @Max(0.999)
    @JsonPropertyDescription("The probability, 0.5 to 0.999, that the demand stays under the upper band the pool is sized for: upper = forecast + z x the spread of recent forecast errors. Default 0.9.")
    private Double confidence;

    /** Above this forecast error the forecast is ignored and the pool runs reactive. */
    @Default("30")
    @Min(1)
    @Max(1000)
    @JsonPropertyDescription("When the forecast's error over the last day (status.learned.forecastErrorPercent, a mean absolute percent error) is above this, the forecast is ignored, the pool runs reactive and condition ForecastReliable is False. 1 to 1000, default 30.")
    private Double maxErrorPercent;

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public String getHorizon() {
        return horizon;
    }

    public void setHorizon(String horizon) {
        this.horizon = horizon;
    }

    public ForecastSeasonality getSeasonality() {
        return seasonality;
    }

    public void setSeasonality(ForecastSeasonality seasonality) {
        this.seasonality = seasonality;
    }

    public Double getConfidence() {
        return confidence;
    }

    public void setConfidence(Double confidence) {
        this.confidence = confidence;
    }

    public Double getMaxErrorPercent() {
        return maxErrorPercent;
    }

    public void setMaxErrorPercent(Double maxErrorPercent) {
        this.maxErrorPercent = maxErrorPercent;
    }
}
