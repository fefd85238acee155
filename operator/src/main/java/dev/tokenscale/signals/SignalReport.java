package dev.tokenscale.signals;

import dev.tokenscale.policy.Signal;
import dev.tokenscale.policy.SignalSnapshot;
import java.util.Map;

/**
 * The signals of one read, with the PromQL that produced each, so {@code explain} and logs can
 * show exactly what ran.
 */
public record SignalReport(SignalSnapshot snapshot, Map<Signal, String> queries) {

    public SignalReport {
        queries = Map.copyOf(queries);
    }
}
