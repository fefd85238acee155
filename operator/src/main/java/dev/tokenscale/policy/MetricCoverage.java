package dev.tokenscale.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * Which configured signals are there. Tokens per second only feeds the cost figures and is never a
 * configured signal; queue depth is configured only when the pool sets a queue limit; the request
 * rate only for the Adaptive policy, which sizes on it. How many pods
 * report is a separate question, answered by {@link CoverageQuorum}.
 */
final class MetricCoverage {

    private MetricCoverage() {}

    static List<Signal> configured(PolicySettings settings) {
        List<Signal> signals = new ArrayList<>(List.of(Signal.TTFT_P99_MS, Signal.TPOT_P99_MS, Signal.UTILIZATION_PERCENT));
        if (settings.usesQueue()) {
            signals.add(Signal.QUEUE_DEPTH);
        }
        if (settings.stepPolicy() == StepPolicy.ADAPTIVE) {
            // Only Adaptive sizes on demand; Step and Proportional neither read nor wait for it.
            signals.add(Signal.REQUEST_RATE);
        }
        return signals;
    }

    /** Configured signals that are missing; idle counts as there. */
    static List<Signal> missing(Evaluation evaluation) {
        return configured(evaluation.settings).stream()
                .filter(signal -> !evaluation.reading(signal).isAvailable())
                .toList();
    }

    static boolean allMissing(Evaluation evaluation) {
        return missing(evaluation).size() == configured(evaluation.settings).size();
    }
}
