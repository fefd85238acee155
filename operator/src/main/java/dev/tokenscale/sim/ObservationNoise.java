package dev.tokenscale.sim;

import java.util.SplittableRandom;

/**
 * Multiplicative Gaussian noise on what a strategy observes, never on what is scored: real
 * utilization gauges and request-rate counters are read over short windows and jitter. Each
 * observation draws two factors, max(0, 1 + σ·z): one for utilization (kept at or below 100%, as a
 * KV-cache gauge is), one for the throughput counters of the same window (request rate, served rate
 * and tokens per second). Latency and queue depth are left exact; they are what the SLO is judged on.
 *
 * <p>Each strategy gets its own instance from the same seed, so every strategy sees the same noise
 * at the same step. Two draws happen per observation even at σ = 0, so the stream never shifts.
 */
final class ObservationNoise {

    private final double sigma;
    private final SplittableRandom random;

    ObservationNoise(ReplayConditions conditions) {
        this.sigma = conditions.noisePercent() / 100;
        this.random = new SplittableRandom(conditions.seed());
    }

    LoadModel.Observation apply(LoadModel.Observation exact) {
        double utilizationFactor = factor();
        double rateFactor = factor();
        if (sigma == 0) {
            return exact;
        }
        return new LoadModel.Observation(
                exact.arrivalRps() * rateFactor,
                exact.servingReplicas(),
                exact.servedRps() * rateFactor,
                Math.min(1, exact.utilization() * utilizationFactor),
                exact.ttftP99Ms(),
                exact.tpotP99Ms(),
                exact.queueDepth(),
                exact.tokensPerSecond() * rateFactor);
    }

    private double factor() {
        return Math.max(0, 1 + sigma * random.nextGaussian());
    }
}
