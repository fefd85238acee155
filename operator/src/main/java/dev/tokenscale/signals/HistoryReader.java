package dev.tokenscale.signals;

import java.time.Duration;
import java.time.Instant;

/** The port the operator reads a pool's demand history through; {@link PrometheusHistoryReader} in production. */
public interface HistoryReader {

    /** Reads nothing: for tools and tests that give a pool no history. */
    HistoryReader NONE = (request, from, to, step) -> DemandHistory.failed("no history source is configured", null);

    /**
     * The pool's requestsPerSecond from {@code from} to {@code to}, every {@code step}, scoped exactly
     * as its live signals are (the request's matchers and window). Never throws: a failure is in the answer.
     */
    DemandHistory read(SignalRequest request, Instant from, Instant to, Duration step);
}
