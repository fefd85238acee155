package dev.tokenscale.sim;

import dev.tokenscale.policy.Signal;
import dev.tokenscale.policy.SignalSnapshot;
import java.time.Instant;

/**
 * Turns a {@link LoadModel.Observation} into the snapshot a metrics source would have produced:
 * every signal present, except that latency is idle when no request arrived and none waits, as a
 * histogram with no samples in the window reads. Utilization is in percent, like the presets'.
 */
public final class ObservedSignals {

    private ObservedSignals() {}

    public static SignalSnapshot snapshot(LoadModel.Observation observation, Instant observedAt) {
        SignalSnapshot.Builder builder = SignalSnapshot.builder().observedAt(observedAt);
        if (LatencySlo.hasTraffic(observation)) {
            builder.present(Signal.TTFT_P99_MS, observation.ttftP99Ms())
                    .present(Signal.TPOT_P99_MS, observation.tpotP99Ms());
        } else {
            builder.idle(Signal.TTFT_P99_MS).idle(Signal.TPOT_P99_MS);
        }
        return builder
                .present(Signal.UTILIZATION_PERCENT, observation.utilization() * 100)
                .present(Signal.QUEUE_DEPTH, observation.queueDepth())
                .present(Signal.TOKENS_PER_SECOND, observation.tokensPerSecond())
                .present(Signal.REQUEST_RATE, observation.arrivalRps())
                .build();
    }
}
