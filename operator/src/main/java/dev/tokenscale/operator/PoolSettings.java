package dev.tokenscale.operator;

import dev.tokenscale.api.PoolMode;
import dev.tokenscale.cost.PoolCost;
import dev.tokenscale.policy.PolicySettings;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the operator and the CLI need from one pool's spec, validated and with every CRD
 * default applied: the policy's settings, the cost model, the mode, the evaluation period, the
 * metrics source and the workload.
 *
 * @param drainAware whether a Deployment's scale-down first marks its idlest pods with pod-deletion-cost
 * @param forecast the demand forecast and the cold-start hint
 */
public record PoolSettings(
        PolicySettings policy,
        PoolCost cost,
        PoolMode mode,
        Duration evaluationInterval,
        MetricsSettings metrics,
        ScaleTarget target,
        boolean drainAware,
        ForecastSettings forecast) {

    /** The workload the pool scales, through its /scale subresource. */
    public record ScaleTarget(String apiVersion, String kind, String name) {}

    public PoolSettings {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(evaluationInterval, "evaluationInterval");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(forecast, "forecast");
    }
}
