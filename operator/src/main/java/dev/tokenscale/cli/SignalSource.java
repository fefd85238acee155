package dev.tokenscale.cli;

import dev.tokenscale.operator.PoolSettings;
import dev.tokenscale.signals.SignalReport;
import java.time.Instant;

/**
 * Where {@code explain} gets its signals: a JSON file today; live Prometheus through
 * {@link dev.tokenscale.signals.SignalReader} is another implementation whose report carries the
 * PromQL that ran, which the text output prints.
 */
interface SignalSource {

    /** The origin as the user named it, e.g. the file path or the Prometheus URL. */
    String origin();

    /** @throws BadInputException when the source itself is unusable (not when a signal is missing) */
    SignalReport read(PoolSettings settings, Instant now);
}
