package dev.tokenscale.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * What the demand forecast expects, as plain numbers the policy sizes with. The caller (the
 * operator, {@code simulate}) runs the forecaster; the policy never sees it.
 *
 * @param aheadUpperRps the largest upper-band demand over [now, now + horizon]: what to scale up for
 * @param heldUpperRps the largest demand over [now, now + horizon + cooldown.scaleDown] at a band the
 *     demand stays under in every bucket of that window at once: what not to scale down below, since
 *     replicas given back now could not be re-ordered in time. It keeps replicas, it orders none
 * @param horizon how far ahead the forecast plans: the learned cold start plus one evaluation, or the spec's
 * @param source where the forecast came from, in words ("daily profile", "trend only")
 */
public record ForecastDemand(double aheadUpperRps, double heldUpperRps, Duration horizon, String source) {

    public ForecastDemand {
        Objects.requireNonNull(horizon, "horizon");
        Objects.requireNonNull(source, "source");
        if (!(aheadUpperRps >= 0 && Double.isFinite(aheadUpperRps)) || !(heldUpperRps >= 0 && Double.isFinite(heldUpperRps))) {
            throw new IllegalArgumentException("forecast demands must be finite and >= 0, got " + aheadUpperRps + " and " + heldUpperRps);
        }
    }
}
