package dev.tokenscale.forecast;

/** Where a forecast came from, for status and {@code explain}. */
public enum ForecastSource {

    /** The same time on recent days, level-corrected, plus the short-term trend of what differs. */
    DAILY("daily profile"),
    /** The same time in recent weeks, level-corrected, plus the short-term trend of what differs. */
    WEEKLY("weekly profile"),
    /** The short-term trend alone: too little history for a profile, or the profile predicts worse. */
    TREND("trend only"),
    /** The recent level alone, flat: neither a profile nor a trend has predicted better than it (noise). */
    LEVEL("recent level"),
    /** Nothing yet: no completed bucket of demand. */
    NONE("no history");

    private final String description;

    ForecastSource(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
