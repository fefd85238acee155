package dev.tokenscale.policy;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the metrics source saw for one pool at one moment. A signal that was not read at all is
 * reported as missing with {@link MissingReason#NO_SERIES}.
 *
 * @param coverage how many of the target's ready pods report; not measured unless the reader says so
 */
public record SignalSnapshot(Map<Signal, SignalReading> readings, Instant observedAt, PodCoverage coverage) {

    private static final PodCoverage NOT_MEASURED = PodCoverage.notMeasured("the metrics source reports no per-pod series");

    public SignalSnapshot {
        EnumMap<Signal, SignalReading> copy = new EnumMap<>(Signal.class);
        copy.putAll(readings);
        readings = Collections.unmodifiableMap(copy);
        coverage = coverage != null ? coverage : NOT_MEASURED;
    }

    public SignalSnapshot(Map<Signal, SignalReading> readings, Instant observedAt) {
        this(readings, observedAt, null);
    }

    /** This snapshot with the given pod coverage. */
    public SignalSnapshot withCoverage(PodCoverage value) {
        return new SignalSnapshot(readings, observedAt, value);
    }

    public SignalReading get(Signal signal) {
        SignalReading reading = readings.get(signal);
        return reading != null ? reading : SignalReading.missing(MissingReason.NO_SERIES, "not read");
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final EnumMap<Signal, SignalReading> readings = new EnumMap<>(Signal.class);
        private Instant observedAt = Instant.EPOCH;
        private PodCoverage coverage;

        public Builder with(Signal signal, SignalReading reading) {
            readings.put(signal, reading);
            return this;
        }

        public Builder present(Signal signal, double value) {
            return with(signal, SignalReading.present(value));
        }

        public Builder idle(Signal signal) {
            return with(signal, SignalReading.idle());
        }

        public Builder missing(Signal signal, MissingReason reason, String detail) {
            return with(signal, SignalReading.missing(reason, detail));
        }

        public Builder observedAt(Instant instant) {
            this.observedAt = instant;
            return this;
        }

        public Builder coverage(PodCoverage value) {
            this.coverage = value;
            return this;
        }

        public SignalSnapshot build() {
            return new SignalSnapshot(readings, observedAt, coverage);
        }
    }
}
