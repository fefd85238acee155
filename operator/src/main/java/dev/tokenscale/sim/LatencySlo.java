package dev.tokenscale.sim;

import dev.tokenscale.policy.PolicySettings;

/**
 * The pool's latency objectives as the replay judges them: an observation meets the SLO when its
 * P99 TTFT and P99 TPOT are both at or under target. A pool with no traffic and no queue meets it
 * by definition; there is no request to be late.
 */
public record LatencySlo(double ttftP99Ms, double tpotP99Ms) {

    public static LatencySlo of(PolicySettings settings) {
        return new LatencySlo(settings.ttftSlo().toNanos() / 1e6, settings.tpotSlo().toNanos() / 1e6);
    }

    public boolean isMetBy(LoadModel.Observation observation) {
        if (!hasTraffic(observation)) {
            return true;
        }
        return observation.ttftP99Ms() <= ttftP99Ms && observation.tpotP99Ms() <= tpotP99Ms;
    }

    static boolean hasTraffic(LoadModel.Observation observation) {
        return observation.arrivalRps() > 0 || observation.queueDepth() > 0;
    }
}
