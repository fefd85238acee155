package dev.tokenscale.sim;

import dev.tokenscale.policy.BudgetAllocator;
import dev.tokenscale.policy.BudgetClaim;
import dev.tokenscale.policy.BudgetClaims;
import dev.tokenscale.policy.BudgetLimit;
import dev.tokenscale.policy.BudgetRound;
import dev.tokenscale.policy.CostAwarePolicy;
import dev.tokenscale.policy.Decision;
import dev.tokenscale.policy.PoolGrant;
import dev.tokenscale.policy.Priority;
import dev.tokenscale.policy.ScalingState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays several pools through one day together, each with its own policy, traffic and serving
 * model, and, with a budget, the operator's {@link BudgetAllocator} granting their replicas every
 * step. In a step every pool decides on what it saw over the previous step, the round grants, and
 * every pool holds its grant at once: a victim gives back in the same step as the pool it gives to,
 * as the operator's pools do one evaluation apart.
 */
public final class BudgetReplay {

    /** One pool of the run: its name, priority and scenario (settings, cost, traffic, model, step). */
    public record Pool(String name, Priority priority, ReplayScenario scenario) {}

    private BudgetReplay() {}

    /** @param limit null to replay the pools side by side with no budget */
    public static BudgetReplayResult run(List<Pool> pools, BudgetLimit limit, CostAwarePolicy policy) {
        if (pools.isEmpty()) {
            throw new IllegalArgumentException("no pools to replay");
        }
        ReplayScenario first = pools.get(0).scenario();
        for (Pool p : pools) {
            if (!p.scenario().step().equals(first.step()) || p.scenario().stepCount() != first.stepCount()) {
                throw new IllegalArgumentException("pool " + p.name() + ": every pool needs the same step and an equally long trace ("
                        + first.stepCount() + " steps of " + first.step() + ", got " + p.scenario().stepCount() + " of "
                        + p.scenario().step() + ")");
            }
        }
        int steps = first.stepCount();
        List<Lane> lanes = new ArrayList<>();
        for (Pool p : pools) {
            lanes.add(new Lane(p));
        }
        double[] spend = new double[steps];
        BudgetAllocator allocator = new BudgetAllocator();
        for (int i = 0; i < steps; i++) {
            long startMillis = first.stepStartMillis(i);
            Instant time = ReplayScenario.START.plusMillis(startMillis);
            List<BudgetClaim> claims = new ArrayList<>();
            for (Lane lane : lanes) {
                lane.fleet.advanceTo(startMillis);
                lane.decide(policy, time);
                claims.add(lane.claim());
            }
            BudgetRound round = limit == null ? null : allocator.allocate(limit, claims);
            for (Lane lane : lanes) {
                int target = round == null ? lane.decision.to() : round.grantOf(lane.pool.name()).granted();
                if (round != null) {
                    PoolGrant grant = round.grantOf(lane.pool.name());
                    if ((grant.preempted() || grant.trimmedToLimit()) && target < lane.fleet.replicas()) {
                        lane.preemptions++;
                    }
                }
                lane.hold(target, startMillis, time);
                long widthMillis = lane.pool.scenario().stepEndMillis(i) - startMillis;
                lane.observed = lane.model.step(lane.rps[i], lane.fleet.ready(), widthMillis / 1000.0);
                lane.run.record(i, lane.fleet.replicas(), lane.fleet.ready(), lane.observed,
                        lane.pool.scenario().load().capacityRpsPerReplica());
                lane.backlog[i] = lane.model.backlog();
                spend[i] += lane.fleet.replicas() * lane.pool.scenario().replicaHourlyCost();
            }
        }
        List<BudgetReplayResult.PoolResult> results = new ArrayList<>();
        for (Lane lane : lanes) {
            results.add(new BudgetReplayResult.PoolResult(lane.pool.name(), lane.pool.priority(), lane.run,
                    lane.preemptions, lane.backlog, lane.model.backlog()));
        }
        return new BudgetReplayResult(first, limit, results, spend);
    }

    /** One pool's moving parts during the replay. */
    private static final class Lane {
        final Pool pool;
        final LoadModel model;
        final ReplicaFleet fleet;
        final StrategyRun run;
        final double[] rps;
        final double[] backlog;
        final ReplayClock clock = new ReplayClock(ReplayScenario.START);
        LoadModel.Observation observed;
        Decision decision;
        ScalingState state;
        Instant lastScaleUpTime;
        Instant lastScaleDownTime;
        int preemptions;

        Lane(Pool pool) {
            this.pool = pool;
            ReplayScenario scenario = pool.scenario();
            this.model = new LoadModel(scenario.load());
            this.rps = scenario.stepRps();
            this.backlog = new double[rps.length];
            // Each pool starts where the simulator's reactive strategy starts: what the oracle holds at the first load.
            int start = new SloSizing(scenario.load(), scenario.slo()).replicasFor(scenario.traffic().rpsAt(0),
                    scenario.settings().minReplicas(), scenario.settings().maxReplicas());
            this.fleet = new ReplicaFleet(start, scenario.coldStart().toMillis());
            this.run = new StrategyRun(pool.name(), scenario, rps);
            this.observed = rps.length == 0 ? null
                    : model.observe(rps[0], fleet.ready(), Math.min(rps[0], fleet.ready() * scenario.load().capacityRpsPerReplica()));
        }

        void decide(CostAwarePolicy policy, Instant time) {
            clock.set(time);
            state = new ScalingState(fleet.replicas(), fleet.ready(), lastScaleUpTime, lastScaleDownTime);
            decision = policy.decide(pool.scenario().settings(), ObservedSignals.snapshot(observed, time), state, clock);
        }

        BudgetClaim claim() {
            return BudgetClaims.of(pool.name(), pool.priority(), pool.scenario().settings(),
                    pool.scenario().replicaHourlyCost(), state, ObservedSignals.snapshot(observed, clock.instant()), decision);
        }

        void hold(int target, long startMillis, Instant time) {
            if (target == fleet.replicas()) {
                return;
            }
            if (target > fleet.replicas()) {
                lastScaleUpTime = time;
            } else {
                lastScaleDownTime = time;
            }
            fleet.scaleTo(target, startMillis);
            run.countScaleEvent();
        }
    }
}
