package dev.tokenscale.policy;

/**
 * The one rule for turning a number a metrics source reported into a reading, shared by Prometheus
 * and the signals file: a value no signal can have is missing, never zero, and a utilization above
 * 100% is clamped to 100 with the clamp recorded, so the reading says what happened to it.
 */
public final class SignalValue {

    private static final double MAX_UTILIZATION_PERCENT = 100;

    private SignalValue() {}

    /** @param source who reported the value, for the missing reading's detail ("the query") */
    public static SignalReading check(Signal signal, double value, String source) {
        if (!Double.isFinite(value)) {
            return SignalReading.missing(MissingReason.NAN, source + " answered " + value);
        }
        if (value < 0) {
            return SignalReading.missing(MissingReason.INVALID_VALUE,
                    source + " answered " + plain(value) + ", but " + signal.key() + " cannot be negative");
        }
        if (signal == Signal.UTILIZATION_PERCENT && value > MAX_UTILIZATION_PERCENT) {
            return SignalReading.present(MAX_UTILIZATION_PERCENT,
                    "clamped to 100 from " + plain(value) + " reported by " + source);
        }
        return SignalReading.present(value);
    }

    private static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
