package dev.tokenscale.sim;

import java.time.Instant;

/**
 * What a strategy may know when it chooses the replicas for one step: the time, its own replicas,
 * and what the metrics showed over the previous step. The load of the coming step is deliberately
 * absent; only the oracle knows it, through the traffic it was built with.
 *
 * @param index the step's place in the scored part; negative in the unscored history before it
 * @param startSeconds seconds since {@link ReplayScenario#START}; negative in the history
 * @param observed the pool over the previous step; at the first step, the pool at the start
 */
public record StepView(
        int index,
        Instant time,
        double startSeconds,
        double endSeconds,
        int replicas,
        int readyReplicas,
        LoadModel.Observation observed) {}
