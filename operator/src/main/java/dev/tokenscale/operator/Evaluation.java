package dev.tokenscale.operator;

import dev.tokenscale.policy.BurstRecurrence;
import dev.tokenscale.policy.Decision;
import dev.tokenscale.policy.LearnedState;
import dev.tokenscale.policy.Sizing;
import dev.tokenscale.policy.SignalSnapshot;
import java.time.Instant;
import java.util.List;

/**
 * One completed evaluation of a pool: what was seen, what was decided, and what the target looks
 * like afterwards. The status, the conditions, the Events and the metrics are all derived from it.
 *
 * @param replicasBefore the target's spec.replicas when read
 * @param replicasAfter the target's spec.replicas after the write, or as before when nothing was written
 * @param applied whether the decision was written to the target
 * @param lastScaleUpTime null for never
 * @param lastScaleDownTime null for never
 * @param savingsPerHour what the latest scale-down saves per hour; null before the first one
 * @param scaleDownNote which pods an applied scale-down is expected to remove; null without one
 * @param markingProblem why pods could not be marked with (or cleared of) pod-deletion-cost; null when fine
 * @param learned what the pool has learned, to persist in status.learned
 * @param sizing the Adaptive policy's arithmetic; null for the other policies
 * @param forecast the learned lead time and the demand forecast; null when not known (tools, tests)
 * @param bursts the Adaptive policy's recent bursts, to persist in status.learned; empty for the other policies
 */
public record Evaluation(
        int replicasBefore,
        int replicasAfter,
        int readyReplicas,
        SignalSnapshot snapshot,
        Decision decision,
        boolean applied,
        Instant lastScaleUpTime,
        Instant lastScaleDownTime,
        Double savingsPerHour,
        Instant now,
        String scaleDownNote,
        String markingProblem,
        LearnedState learned,
        Sizing sizing,
        ForecastView forecast,
        List<BurstRecurrence.Burst> bursts) {

    public Evaluation {
        bursts = List.copyOf(bursts);
    }

    /** An evaluation that marked no pod, had nothing to say about who goes, and learned nothing (Step and Proportional). */
    public Evaluation(int replicasBefore, int replicasAfter, int readyReplicas, SignalSnapshot snapshot, Decision decision,
            boolean applied, Instant lastScaleUpTime, Instant lastScaleDownTime, Double savingsPerHour, Instant now) {
        this(replicasBefore, replicasAfter, readyReplicas, snapshot, decision, applied, lastScaleUpTime, lastScaleDownTime,
                savingsPerHour, now, null, null, LearnedState.NONE, null, null, List.of());
    }

    /** An evaluation that learned nothing: Step and Proportional pools. */
    public Evaluation(int replicasBefore, int replicasAfter, int readyReplicas, SignalSnapshot snapshot, Decision decision,
            boolean applied, Instant lastScaleUpTime, Instant lastScaleDownTime, Double savingsPerHour, Instant now,
            String scaleDownNote, String markingProblem) {
        this(replicasBefore, replicasAfter, readyReplicas, snapshot, decision, applied, lastScaleUpTime, lastScaleDownTime,
                savingsPerHour, now, scaleDownNote, markingProblem, LearnedState.NONE, null, null, List.of());
    }
}
