package dev.tokenscale.sim;

import dev.tokenscale.cost.PoolCost;
import dev.tokenscale.policy.PolicySettings;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Duration;

/** Small scenarios for replay tests: the seed's assumptions unless a test says otherwise. */
final class Scenarios {

    /** The seed's 8 GPUs a replica at $2.00 an hour, with no overhead, as in cost_savings_analysis. */
    static final PoolCost SEED_COST = new PoolCost(8, 2.00, 0);

    private Scenarios() {}

    static TrafficProfile traffic(String csv) {
        try {
            return TrafficCsv.parse("test.csv", new StringReader(csv));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ReplayScenario seed(TrafficProfile traffic, int minReplicas, int maxReplicas, Duration step, Duration coldStart) {
        return new ReplayScenario(traffic, PolicySettings.seedDefaults(minReplicas, maxReplicas, 8, 2.00),
                LoadModel.Params.seedDefaults(), step, coldStart, SEED_COST);
    }

    /** A strategy that holds a scripted replica count: {@code counts[i]} from step i on (the last one holds). */
    static Strategy scripted(String name, int... counts) {
        return scripted(name, true, counts);
    }

    /** As {@link #scripted(String, int...)}, optionally serving new replicas at once, as a bound may. */
    static Strategy scripted(String name, boolean waitsForColdStart, int... counts) {
        return new Strategy() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int initialReplicas() {
                return counts[0];
            }

            @Override
            public int replicasFor(StepView view) {
                // History steps have negative indexes; the script starts with the scored part.
                return counts[Math.max(0, Math.min(view.index(), counts.length - 1))];
            }

            @Override
            public boolean waitsForColdStart() {
                return waitsForColdStart;
            }
        };
    }
}
