package dev.tokenscale.policy;

import java.util.Optional;

/**
 * Rule 4: more waiting requests per replica than the pool allows scales up. With no replica at all
 * the whole queue waits on the first one, so the queue is divided by at least one.
 */
final class QueueBacklogRule implements ScalingRule {

    @Override
    public String name() {
        return "queue_backlog";
    }

    @Override
    public Optional<Want> evaluate(Evaluation evaluation) {
        if (!evaluation.settings.usesQueue()) {
            evaluation.record(name(), "skipped: spec.queue.scaleUpAbovePerReplica is not set", false);
            return Optional.empty();
        }
        var queue = evaluation.value(Signal.QUEUE_DEPTH);
        if (queue.isEmpty()) {
            return evaluation.skip(name(), Signal.QUEUE_DEPTH);
        }
        double limit = evaluation.settings.queueScaleUpAbovePerReplica();
        double perReplica = queue.getAsDouble() / Math.max(1, evaluation.replicas());
        String finding = "queue depth " + HumanText.number(queue.getAsDouble()) + " is "
                + HumanText.number(perReplica) + " per replica";
        if (perReplica > limit) {
            String why = finding + ", above " + HumanText.number(limit);
            evaluation.record(name(), why, true);
            return Optional.of(new Want(Action.SCALE_UP, Reason.QUEUE_BACKLOG, why));
        }
        evaluation.record(name(), finding + ", not above " + HumanText.number(limit), false);
        return Optional.empty();
    }
}
