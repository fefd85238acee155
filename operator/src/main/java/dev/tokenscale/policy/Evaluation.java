package dev.tokenscale.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** The inputs of one {@link CostAwarePolicy#decide} call and the trail of rules checked so far. */
final class Evaluation {

    final PolicySettings settings;
    final SignalSnapshot signals;
    final ScalingState state;
    final Instant now;
    private final List<RuleCheck> checks = new ArrayList<>();

    Evaluation(PolicySettings settings, SignalSnapshot signals, ScalingState state, Instant now) {
        this.settings = settings;
        this.signals = signals;
        this.state = state;
        this.now = now;
    }

    int replicas() {
        return state.replicas();
    }

    SignalReading reading(Signal signal) {
        return signals.get(signal);
    }

    /** The value of a present signal; empty when it is idle or missing, never zero in their place. */
    OptionalDouble value(Signal signal) {
        return reading(signal) instanceof SignalReading.Present present
                ? OptionalDouble.of(present.value())
                : OptionalDouble.empty();
    }

    void record(String rule, String finding, boolean fired) {
        checks.add(new RuleCheck(rule, finding, fired));
    }

    /** Records that a rule was skipped because its signal is idle or missing; the rule wants nothing. */
    Optional<Want> skip(String rule, Signal signal) {
        record(rule, "skipped: " + describeAbsent(signal), false);
        return Optional.empty();
    }

    List<RuleCheck> checks() {
        return checks;
    }

    /** "ttftP99Ms missing (no_series: detail)" or "ttftP99Ms idle", for findings about absent values. */
    String describeAbsent(Signal signal) {
        SignalReading reading = reading(signal);
        if (reading instanceof SignalReading.Missing missing) {
            String detail = missing.detail().isBlank() ? "" : ": " + missing.detail();
            return signal.key() + " missing (" + missing.reason().key() + detail + ")";
        }
        return signal.key() + " " + reading.state();
    }
}
