package dev.tokenscale.forecast;

/** Which earlier time a forecast takes the shape of the coming minutes from. */
public enum Seasonality {

    /** The same time on the last days: needs a day of history. */
    DAILY(86_400, 1, 3),
    /** The same time in the last weeks: needs 14 days of history; daily until then. */
    WEEKLY(7 * 86_400, 14, 2),
    /** No shape: the short-term trend alone. */
    NONE(0, 0, 0);

    private final long periodSeconds;
    private final int daysNeeded;
    private final int periodsAveraged;

    Seasonality(long periodSeconds, int daysNeeded, int periodsAveraged) {
        this.periodSeconds = periodSeconds;
        this.daysNeeded = daysNeeded;
        this.periodsAveraged = periodsAveraged;
    }

    long periodSeconds() {
        return periodSeconds;
    }

    /** Days of history before this seasonality is used. */
    public int daysNeeded() {
        return daysNeeded;
    }

    /** How many past periods are averaged into the profile, where history has them. */
    int periodsAveraged() {
        return periodsAveraged;
    }
}
