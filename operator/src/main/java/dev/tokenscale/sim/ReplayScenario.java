package dev.tokenscale.sim;

import dev.tokenscale.cost.PoolCost;
import dev.tokenscale.policy.PolicySettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a replay needs besides the strategies: the traffic, the pool's settings (bounds, SLO,
 * policy), the serving model, the step, the cold start, what the replicas cost, and how noisy and
 * drifting the replayed world is.
 *
 * @param cost the pool's cost model; its overhead percent counts, as in the operator's {@code status.cost}
 * @param conditions noise on what strategies observe and drift of the replicas' capacity
 * @param history traffic replayed before {@code traffic}, unscored, ending at {@link #START}; empty
 *     for none ({@link TrafficHistory})
 */
public record ReplayScenario(
        TrafficProfile traffic,
        PolicySettings settings,
        LoadModel.Params load,
        Duration step,
        Duration coldStart,
        PoolCost cost,
        ReplayConditions conditions,
        Optional<TrafficProfile> history) {

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
        Objects.requireNonNull(history, "history");
    }

    /** The clean model: no noise, no capacity drift, no history. */
    public ReplayScenario(TrafficProfile traffic, PolicySettings settings, LoadModel.Params load, Duration step,
            Duration coldStart, PoolCost cost) {
        this(traffic, settings, load, step, coldStart, cost, ReplayConditions.NONE, Optional.empty());
    }

    /** This scenario under other conditions. */
    public ReplayScenario with(ReplayConditions other) {
        return new ReplayScenario(traffic, settings, load, step, coldStart, cost, other, history);
    }

    /** This scenario scoring {@code split}'s scored part after replaying its history. */
    public ReplayScenario with(TrafficHistory split) {
        return new ReplayScenario(split.scored(), settings, load, step, coldStart, cost, conditions, split.history());
    }

    /** This scenario without its history: the scored part alone. */
    public ReplayScenario withoutHistory() {
        return new ReplayScenario(traffic, settings, load, step, coldStart, cost, conditions, Optional.empty());
    }

    /**
     * The mean load over [from, to) in seconds since {@link #START}: the scored traffic from 0 s on,
     * the history before (a step never straddles 0 s).
     */
    public double averageRps(double fromSeconds, double toSeconds) {
        if (fromSeconds >= 0 || history.isEmpty()) {
            return traffic.averageRps(fromSeconds, toSeconds);
        }
        double shift = historyMillis() / 1000.0;
        return history.get().averageRps(fromSeconds + shift, Math.min(toSeconds, 0) + shift);
    }

    /** Length of the unscored history before {@link #START}, in milliseconds; 0 without history. */
    public long historyMillis() {
        return history.map(profile -> Math.round(profile.lengthSeconds() * 1000)).orElse(0L);
    }

    /** Steps of history; the last may be cut short so that the scored part starts at {@link #START}. */
    public int historyStepCount() {
        return Math.toIntExact((historyMillis() + step.toMillis() - 1) / step.toMillis());
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
