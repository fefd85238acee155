package dev.tokenscale.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenscale.policy.Signal;
import dev.tokenscale.policy.SignalReading;
import dev.tokenscale.policy.SignalSnapshot;
import dev.tokenscale.signals.SignalReport;
import dev.tokenscale.testing.MutableClock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With no replicas the emulator opens no port, so these stay fast tests. */
class EmulatorSignalReaderTest {

    private static SignalReport readWith(double rps) {
        MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
        try (WorkerEmulator emulator = WorkerEmulator.start(EmulatorSettings.defaults().withReplicas(0).withArrivalRps(rps), clock)) {
            return new EmulatorSignalReader(emulator, clock).read(null);
        }
    }

    @Test
    void aPoolWithNoTrafficReadsAsIdleLatencyAndZeroUtilizationNeverAsMissing() {
        SignalSnapshot snapshot = readWith(0).snapshot();

        assertThat(snapshot.get(Signal.TTFT_P99_MS)).isEqualTo(SignalReading.idle());
        assertThat(snapshot.get(Signal.TPOT_P99_MS)).isEqualTo(SignalReading.idle());
        assertThat(snapshot.get(Signal.UTILIZATION_PERCENT)).isEqualTo(SignalReading.present(0));
    }

    @Test
    void trafficWithNoServingReplicaReadsAsAMinuteOfLatencyAndAFullPool() {
        SignalReport report = readWith(10);

        assertThat(report.snapshot().get(Signal.TTFT_P99_MS)).isEqualTo(SignalReading.present(LoadModel.UNSERVED_LATENCY_MS));
        assertThat(report.snapshot().get(Signal.UTILIZATION_PERCENT)).isEqualTo(SignalReading.present(100));
        assertThat(report.queries()).containsAllEntriesOf(Map.of(Signal.QUEUE_DEPTH, EmulatorSignalReader.SOURCE));
        assertThat(List.of(Signal.values())).allSatisfy(s -> assertThat(report.snapshot().get(s).isAvailable()).isTrue());
    }
}
