package dev.tokenscale.sim;

import dev.tokenscale.cost.PoolCost;
import dev.tokenscale.policy.PolicySettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Everything a replay needs besides the strategies: the traffic, the pool's settings (bounds, SLO,
 * policy), the serving model, the step, the cold start, what the replicas cost, and how noisy and
 * drifting the replayed world is.
 *
 * @param cost the pool's cost model; its overhead percent counts, as in the operator's {@code status.cost}
 * @param conditions noise on what strategies observe and drift of the replicas' capacity
 */
public record ReplayScenario(
        TrafficProfile traffic,
        PolicySettings settings,
        LoadModel.Params load,
        Duration step,
        Duration coldStart,
        PoolCost cost,
        ReplayConditions conditions) {

    /** The replayed day starts at a midnight; only differences between instants matter. */
    public static final Instant START = Instant.EPOCH;

    public ReplayScenario {
        Objects.requireNonNull(traffic, "traffic");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(load, "load");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(coldStart, "coldStart");
        if (step.toMillis() < 1 || !step.equals(Duration.ofMillis(step.toMillis()))) {
            throw new IllegalArgumentException("step must be a whole number of milliseconds, at least 1ms, got " + step);
        }
        if (coldStart.isNegative()) {
            throw new IllegalArgumentException("coldStart must be >= 0, got " + coldStart);
        }
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(conditions, "conditions");
    }

    /** The clean model: no noise and no capacity drift. */
    public ReplayScenario(TrafficProfile traffic, PolicySettings settings, LoadModel.Params load, Duration step,
            Duration coldStart, PoolCost cost) {
        this(traffic, settings, load, step, coldStart, cost, ReplayConditions.NONE);
    }

    /** This scenario under other conditions. */
    public ReplayScenario with(ReplayConditions other) {
        return new ReplayScenario(traffic, settings, load, step, coldStart, cost, other);
    }

    /** Requests per second one replica serves in each step, after drift, taken at the step's middle. */
    public double[] stepCapacityRpsPerReplica() {
        CapacityDrift drift = new CapacityDrift(conditions);
        double[] capacity = new double[stepCount()];
        for (int i = 0; i < capacity.length; i++) {
            double middleSeconds = (stepStartMillis(i) + stepEndMillis(i)) / 2000.0;
            capacity[i] = load.capacityRpsPerReplica() * drift.factorAt(middleSeconds);
        }
        return capacity;
    }

    /** USD one replica costs an hour, overhead included. */
    public double replicaHourlyCost() {
        return cost.hourly(1);
    }

    public LatencySlo slo() {
        return LatencySlo.of(settings);
    }

    public long lengthMillis() {
        return Math.round(traffic.lengthSeconds() * 1000);
    }

    public int stepCount() {
        return Math.toIntExact((lengthMillis() + step.toMillis() - 1) / step.toMillis());
    }

    /** The mean load of each step, so a step that straddles a change in the traffic gets its share. */
    public double[] stepRps() {
        double[] rps = new double[stepCount()];
        for (int i = 0; i < rps.length; i++) {
            rps[i] = traffic.averageRps(stepStartMillis(i) / 1000.0, stepEndMillis(i) / 1000.0);
        }
        return rps;
    }

    /** Start of step {@code index} in milliseconds since the start. */
    public long stepStartMillis(int index) {
        return index * step.toMillis();
    }

    /** End of step {@code index}; the last step is cut short at the end of the traffic. */
    public long stepEndMillis(int index) {
        return Math.min((index + 1L) * step.toMillis(), lengthMillis());
    }
}
