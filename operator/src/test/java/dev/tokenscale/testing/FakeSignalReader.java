package dev.tokenscale.testing;

import dev.tokenscale.policy.MissingReason;
import dev.tokenscale.policy.Signal;
import dev.tokenscale.policy.SignalReading;
import dev.tokenscale.policy.SignalSnapshot;
import dev.tokenscale.signals.SignalReader;
import dev.tokenscale.signals.SignalReport;
import dev.tokenscale.signals.SignalRequest;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A metrics source a test sets by hand: each signal is present with a value, idle, or missing.
 * It remembers every request, so a test can check which series the operator asked for.
 */
public final class FakeSignalReader implements SignalReader {

    private final Clock clock;
    private final Map<Signal, SignalReading> readings = new EnumMap<>(Signal.class);
    private final List<SignalRequest> requests = new CopyOnWriteArrayList<>();

    public FakeSignalReader(Clock clock) {
        this.clock = clock;
    }

    /** A healthy pool well inside its SLO and utilization band. */
    public synchronized FakeSignalReader healthy() {
        return set(Signal.TTFT_P99_MS, 200).set(Signal.TPOT_P99_MS, 20).set(Signal.UTILIZATION_PERCENT, 55)
                .set(Signal.QUEUE_DEPTH, 0).set(Signal.TOKENS_PER_SECOND, 1800);
    }

    public synchronized FakeSignalReader set(Signal signal, double value) {
        readings.put(signal, SignalReading.present(value));
        return this;
    }

    public synchronized FakeSignalReader idle(Signal signal) {
        readings.put(signal, SignalReading.idle());
        return this;
    }

    public synchronized FakeSignalReader missing(Signal signal, MissingReason reason, String detail) {
        readings.put(signal, SignalReading.missing(reason, detail));
        return this;
    }

    /** Every signal fails as if Prometheus were down. */
    public synchronized FakeSignalReader prometheusDown() {
        for (Signal s : Signal.values()) {
            missing(s, MissingReason.ERROR, "connection refused");
        }
        return this;
    }

    public List<SignalRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public synchronized SignalReport read(SignalRequest request) {
        requests.add(request);
        return new SignalReport(new SignalSnapshot(readings, clock.instant()), Map.of());
    }
}
