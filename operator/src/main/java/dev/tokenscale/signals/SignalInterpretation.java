package dev.tokenscale.signals;

import dev.tokenscale.policy.MissingReason;
import dev.tokenscale.policy.Signal;
import dev.tokenscale.policy.SignalReading;
import dev.tokenscale.policy.SignalSnapshot;
import dev.tokenscale.policy.SignalValue;
import java.util.Map;

/**
 * What a query's outcome means for one pool's signal: present, idle or missing with its message. The
 * per-pool reader and the batch split both go through here, so a pool reads the same reading, reason
 * and words whichever way its numbers were fetched.
 */
final class SignalInterpretation {

    private SignalInterpretation() {}

    static SignalReading reading(SignalRequest request, Signal signal, QueryResult result, String selector) {
        if (result instanceof QueryResult.Sample sample) {
            SignalReading checked = SignalValue.check(signal, sample.value(), "the query");
            return checked instanceof SignalReading.Missing missing
                    ? SignalReading.missing(missing.reason(), message(request, signal, missing.detail()))
                    : checked;
        }
        if (result instanceof QueryResult.Failed failed) {
            return SignalReading.missing(reasonOf(failed), message(request, signal, failed.failure().label(), failed.detail()));
        }
        return SignalReading.missing(MissingReason.NO_SERIES, message(request, signal,
                "no series match {" + selector + "}"));
    }

    /** Whether a latency's answer is the NaN of a histogram that saw no request, which the request rate then tells. */
    static boolean needsIdleCheck(Signal signal, QueryResult result, Preset preset) {
        return result instanceof QueryResult.Sample sample && Double.isNaN(sample.value()) && signal.isLatency()
                && preset.requestRateQuery(signal).isPresent();
    }

    static SignalReading idleOrBroken(SignalRequest request, Signal signal, QueryResult requestRate) {
        if (requestRate instanceof QueryResult.Sample sample && sample.value() == 0) {
            return SignalReading.idle();
        }
        if (requestRate instanceof QueryResult.Failed failed) {
            return SignalReading.missing(reasonOf(failed), message(request, signal, failed.failure().label(),
                    "while checking whether the pool is idle: " + failed.detail()));
        }
        String seen = requestRate instanceof QueryResult.Sample sample
                ? sample.value() + " requests/s arrived"
                : "its request counter has no series";
        return SignalReading.missing(MissingReason.NAN, message(request, signal,
                "the P99 is NaN although " + seen + "; the histogram's le buckets are incomplete"));
    }

    static SignalReading notConfigured(SignalRequest request, Signal signal, Preset preset) {
        return SignalReading.missing(MissingReason.NO_SERIES, message(request, signal, "not configured",
                "preset " + preset.name() + " has no query for it"));
    }

    static SignalReport allMissing(SignalRequest request, SignalSnapshot.Builder snapshot, QueryFailure failure, String detail) {
        for (Signal signal : Signal.values()) {
            snapshot.missing(signal, MissingReason.ERROR, message(request, signal, failure.label(), detail));
        }
        return new SignalReport(snapshot.build(), Map.of());
    }

    static String message(SignalRequest request, Signal signal, String failureClass, String detail) {
        return message(request, signal, failureClass + ": " + detail);
    }

    /** Every message passes here, so no credential of the request's connection ever leaves in one. */
    static String message(SignalRequest request, Signal signal, String detail) {
        return Redaction.text(request.pool() + " " + signal.key() + ": " + detail, request.connection().auth().secrets());
    }

    static MissingReason reasonOf(QueryResult.Failed failed) {
        return failed.failure() == QueryFailure.MALFORMED_ANSWER ? MissingReason.MALFORMED : MissingReason.ERROR;
    }
}
