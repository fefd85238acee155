package dev.tokenscale.cost;

/** One point of a daily traffic pattern: the hour of day and the requests per second during it. */
public record TrafficHour(int hour, double rps) {

    public TrafficHour {
        if (hour < 0 || hour > 23) {
            throw new IllegalArgumentException("hour must be 0..23, got " + hour);
        }
        if (!(rps >= 0) || !Double.isFinite(rps)) {
            throw new IllegalArgumentException("rps must be a finite number >= 0, got " + rps);
        }
    }
}
