package dev.tokenscale.signals;

import dev.tokenscale.policy.Signal;
import java.util.Map;
import java.util.Optional;

/**
 * One engine's PromQL per signal, as data. Templates stay text until a read renders them, so one
 * broken template costs only its own signal.
 *
 * @param queries the template producing each signal, already in the signal's unit (ms, percent)
 * @param requestRateQueries for latency signals: the template of the histogram's request rate, asked
 *     only when the quantile is NaN to tell an idle pool (rate 0) from a broken histogram
 * @param runningRequestsQuery the template of one series per pod (with a {@code pod} label) of the
 *     requests in flight, e.g. vLLM's {@code vllm:num_requests_running}; null when the engine has none.
 *     It picks the idlest pod on a scale-down and tells which pods report (the coverage quorum).
 */
public record Preset(String name, Map<Signal, String> queries, Map<Signal, String> requestRateQueries,
        String runningRequestsQuery) {

    /** The key of the per-pod running-requests template, in preset files and in spec.metrics.queries. */
    public static final String RUNNING_REQUESTS = "runningRequests";

    public Preset {
        queries = Map.copyOf(queries);
        requestRateQueries = Map.copyOf(requestRateQueries);
    }

    public Preset(String name, Map<Signal, String> queries, Map<Signal, String> requestRateQueries) {
        this(name, queries, requestRateQueries, null);
    }

    public Optional<String> runningRequests() {
        return Optional.ofNullable(runningRequestsQuery);
    }

    public Optional<String> query(Signal signal) {
        return Optional.ofNullable(queries.get(signal));
    }

    public Optional<String> requestRateQuery(Signal signal) {
        return Optional.ofNullable(requestRateQueries.get(signal));
    }
}
