package dev.tokenscale.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscale.api.InferencePool;
import dev.tokenscale.operator.PoolSettings;
import dev.tokenscale.policy.MissingReason;
import dev.tokenscale.policy.Signal;
import dev.tokenscale.policy.SignalReading;
import dev.tokenscale.policy.SignalSnapshot;
import dev.tokenscale.policy.SignalValue;
import dev.tokenscale.signals.SignalReport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Signals from a JSON file keyed by the signal wire names. A key that is absent or null is a missing
 * signal; the string "idle" marks a latency signal with no finished request in the window.
 */
final class SignalsFile implements SignalSource {

    static final String IDLE = "idle";

    private final Path file;

    SignalsFile(Path file) {
        this.file = file;
    }

    @Override
    public String origin() {
        return file.toString();
    }

    @Override
    public SignalReport read(InferencePool pool, PoolSettings settings, Instant now) {
        Set<String> keys = new LinkedHashSet<>();
        Arrays.stream(Signal.values()).forEach(signal -> keys.add(signal.key()));
        JsonFile json = JsonFile.read(file, "signals file", keys);
        SignalSnapshot.Builder snapshot = SignalSnapshot.builder().observedAt(now);
        for (Signal signal : Signal.values()) {
            JsonNode value = json.get(signal.key());
            if (value == null) {
                snapshot.missing(signal, MissingReason.NO_SERIES, "absent from " + file);
            } else if (value.isTextual() && IDLE.equals(value.asText())) {
                if (!signal.isLatency()) {
                    throw json.problem(signal.key(), "\"idle\" applies only to ttftP99Ms and tpotP99Ms");
                }
                snapshot.idle(signal);
            } else if (value.isNumber()) {
                SignalReading checked = SignalValue.check(signal, value.asDouble(), "the file");
                if (checked instanceof SignalReading.Missing) {
                    throw json.problem(signal.key(), value.asDouble() < 0
                            ? "must not be negative, got " + value.asText()
                            : "is too large, got " + value.asText());
                }
                snapshot.with(signal, checked);
            } else {
                throw json.problem(signal.key(), "expected a number, null" + (signal.isLatency() ? " or \"idle\"" : "")
                        + ", got " + value);
            }
        }
        return new SignalReport(snapshot.build(), Map.of());
    }
}
