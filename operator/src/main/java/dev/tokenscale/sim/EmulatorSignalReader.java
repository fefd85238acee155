package dev.tokenscale.sim;

import dev.tokenscale.policy.Signal;
import dev.tokenscale.signals.SignalReader;
import dev.tokenscale.signals.SignalReport;
import dev.tokenscale.signals.SignalRequest;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

/**
 * Reads an emulated pool's signals straight from its {@link WorkerEmulator}, for a demo on a machine
 * with no Prometheus: the figures the workers would have exported, as a metrics source would report
 * them ({@link ObservedSignals}). Which series the request selects does not matter; the emulator is
 * the whole pool.
 */
public final class EmulatorSignalReader implements SignalReader {

    /** Stands where the PromQL would be, so logs and explain say where the numbers came from. */
    public static final String SOURCE = "read directly from the emulated workers (no Prometheus)";

    private final WorkerEmulator emulator;
    private final Clock clock;

    public EmulatorSignalReader(WorkerEmulator emulator, Clock clock) {
        this.emulator = emulator;
        this.clock = clock;
    }

    @Override
    public SignalReport read(SignalRequest request) {
        Map<Signal, String> queries = new EnumMap<>(Signal.class);
        for (Signal signal : Signal.values()) {
            queries.put(signal, SOURCE);
        }
        return new SignalReport(ObservedSignals.snapshot(emulator.truth(), clock.instant()), queries);
    }
}
