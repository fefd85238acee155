package dev.tokenscale.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which earlier time the forecast takes the shape of the coming minutes from. */
public enum ForecastSeasonality {
    /** The same time on the last days; needs a day of history. */
    @JsonProperty("daily")
    DAILY,
    /** The same time in the last weeks; needs 14 days of history, daily until then. */
    @JsonProperty("weekly")
    WEEKLY,
    /** No shape: the short-term trend alone. */
    @JsonProperty("none")
    NONE
}
