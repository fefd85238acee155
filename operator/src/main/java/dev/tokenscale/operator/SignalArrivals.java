package dev.tokenscale.operator;

import dev.tokenscale.api.InferencePool;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import java.util.Set;

/**
 * Evaluates a pool as soon as the signals it waited for have landed: an evaluation that found its
 * batch still on its way returns at once and leaves word here, rather than holding a reconcile thread
 * or polling in a loop. It has no resources of its own, like JOSDK's timer.
 */
final class SignalArrivals extends AbstractEventSource<Void, InferencePool> {

    SignalArrivals() {
        super(Void.class, "tokenscale-signal-arrivals");
    }

    /** The pool's signals are in: reconcile it (JOSDK folds this with any evaluation already queued). */
    void arrived(ResourceID pool) {
        if (isRunning()) {
            getEventHandler().handleEvent(new Event(pool));
        }
    }

    @Override
    public Set<Void> getSecondaryResources(InferencePool primary) {
        return Set.of();
    }
}
