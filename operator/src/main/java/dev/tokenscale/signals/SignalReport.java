package dev.tokenscale.signals;

import dev.tokenscale.policy.Signal;
import dev.tokenscale.policy.SignalSnapshot;
import java.util.Map;

/**
 * The signals of one read, with the PromQL that produced each, so {@code explain} and logs can
 * show exactly what ran.
 *
 * @param runningRequests requests in flight by pod, for the pods with a fresh sample only: a pod that
 *     is silent is absent, never zero
 */
public record SignalReport(SignalSnapshot snapshot, Map<Signal, String> queries, Map<String, Double> runningRequests) {

    public SignalReport {
        queries = Map.copyOf(queries);
        runningRequests = Map.copyOf(runningRequests);
    }

    public SignalReport(SignalSnapshot snapshot, Map<Signal, String> queries) {
        this(snapshot, queries, Map.of());
    }
}
