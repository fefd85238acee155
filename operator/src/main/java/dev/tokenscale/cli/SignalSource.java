package dev.tokenscale.cli;

import dev.tokenscale.api.InferencePool;
import dev.tokenscale.operator.PoolSettings;
import dev.tokenscale.signals.SignalReport;
import java.time.Instant;

/**
 * Where {@code explain} gets its signals: a JSON file ({@code --metrics}) or a live Prometheus
 * ({@code --prometheus}), whose report carries the PromQL that ran, which the text output prints.
 */
interface SignalSource {

    /** The origin as the user named it, e.g. the file path or the Prometheus URL. */
    String origin();

    /**
     * @param pool the manifest, for the namespace and name that pick the pool's series
     * @throws BadInputException when the source itself is unusable (not when a signal is missing)
     */
    SignalReport read(InferencePool pool, PoolSettings settings, Instant now);
}
