package dev.tokenscale.operator;

import dev.tokenscale.api.InferencePool;
import dev.tokenscale.api.InferencePoolStatus;
import dev.tokenscale.api.PoolMode;
import dev.tokenscale.policy.Action;
import dev.tokenscale.policy.Decision;
import java.util.Locale;

/**
 * Which Events one evaluation records. Messages of holds carry no changing figures (no "42s
 * remaining"), so a pool held for an hour repeats one identical message that the recorder folds
 * into a single Event with a count.
 */
final class DecisionEvents {

    private DecisionEvents() {}

    static void emit(PoolEvents events, InferencePool pool, PoolSettings settings, Evaluation e,
            PoolMemory.Entry remembered, InferencePoolStatus previous) {
        Decision d = e.decision();
        String target = settings.target().kind() + "/" + settings.target().name();
        String missing = EvaluationConditions.describeMissing(settings.policy(), e.snapshot());
        if (!missing.isEmpty()) {
            events.record(pool, EventReason.MetricsUnavailable, "Signals unavailable, holding without scale-down: " + missing);
        }
        if (e.markingProblem() != null) {
            events.record(pool, EventReason.PodsNotMarked, "Scaling goes on without choosing the pod to remove: "
                    + e.markingProblem());
        }
        if (e.applied()) {
            if (d.action() == Action.SCALE_UP) {
                events.record(pool, EventReason.ScaledUp, String.format(Locale.ROOT,
                        "Scaled %s from %d to %d replicas (%s): %s", target, d.from(), d.to(), d.reason().key(), d.message()));
            } else {
                events.record(pool, EventReason.ScaledDown, String.format(Locale.ROOT,
                        "Scaled %s from %d to %d replicas (%s), saving $%.2f/h: %s%s", target, d.from(), d.to(),
                        d.reason().key(), d.estimatedSavingsPerHour(), d.message(),
                        e.scaleDownNote() == null ? "" : " " + e.scaleDownNote()));
            }
        } else if (StatusComposer.isHold(d.reason())) {
            events.record(pool, EventReason.ScalingHeld, String.format(Locale.ROOT,
                    "Holding %s at %d replicas: %s", target, d.from(), d.reason().key()));
        }
        if (settings.mode() == PoolMode.RECOMMEND) {
            Integer before = remembered.lastRecommendation != null ? remembered.lastRecommendation
                    : previous.getRecommendedReplicas();
            boolean changed = before != null ? before != d.to() : d.to() != d.from();
            if (changed) {
                events.record(pool, EventReason.Recommendation, String.format(Locale.ROOT,
                        "Recommend %d replicas for %s (it has %d): %s (%s)", d.to(), target, d.from(), d.reason().key(),
                        d.message()));
            }
            remembered.lastRecommendation = d.to();
        }
    }
}
