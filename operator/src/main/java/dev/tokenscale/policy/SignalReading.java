package dev.tokenscale.policy;

import java.util.Objects;

/**
 * One signal's health and value: {@link Present} with a number, {@link Idle} (a latency histogram
 * that saw no request in the window, so there is no latency to judge), or {@link Missing} with a
 * reason. Callers switch on the three states; nothing here turns a missing value into zero.
 */
public sealed interface SignalReading {

    static SignalReading present(double value) {
        return new Present(value, "");
    }

    /** @param adjustment what was done to the reported value to make it usable, e.g. a clamp; shown in explain and status */
    static SignalReading present(double value, String adjustment) {
        return new Present(value, adjustment);
    }

    static SignalReading idle() {
        return Idle.INSTANCE;
    }

    static SignalReading missing(MissingReason reason, String detail) {
        return new Missing(reason, detail);
    }

    /** The state name used in JSON and status: {@code present}, {@code idle} or {@code missing}. */
    String state();

    /** Present and idle both count as "the signal is there" for the never-scale-down-blind rule. */
    default boolean isAvailable() {
        return !(this instanceof Missing);
    }

    /** @param adjustment empty, or what was done to the reported value (a clamp) */
    record Present(double value, String adjustment) implements SignalReading {
        public Present {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("a present signal needs a finite value, got " + value);
            }
            adjustment = adjustment == null ? "" : adjustment;
        }

        public Present(double value) {
            this(value, "");
        }

        @Override
        public String state() {
            return "present";
        }
    }

    final class Idle implements SignalReading {
        private static final Idle INSTANCE = new Idle();

        private Idle() {}

        @Override
        public String state() {
            return "idle";
        }

        @Override
        public String toString() {
            return "Idle";
        }
    }

    record Missing(MissingReason reason, String detail) implements SignalReading {
        public Missing {
            Objects.requireNonNull(reason, "reason");
            detail = detail == null ? "" : detail;
        }

        @Override
        public String state() {
            return "missing";
        }
    }
}
