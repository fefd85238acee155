package dev.tokenscale.signals;

import java.time.Instant;
import java.util.List;

/**
 * A pool's requestsPerSecond over a past span, as Prometheus kept it, or why it could not be read.
 *
 * @param points the samples in time order; empty when Prometheus holds none (retention, a new pool) or on a failure
 * @param problem why the history could not be read, credentials redacted; null when it was read
 * @param query the PromQL asked, for {@code explain}; null when none could be built
 */
public record DemandHistory(List<Point> points, String problem, String query) {

    /** One step of history. */
    public record Point(Instant time, double requestsPerSecond) {}

    public DemandHistory {
        points = List.copyOf(points);
    }

    public static DemandHistory failed(String problem, String query) {
        return new DemandHistory(List.of(), problem, query);
    }

    public boolean read() {
        return problem == null;
    }
}
