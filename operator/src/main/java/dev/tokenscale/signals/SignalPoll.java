package dev.tokenscale.signals;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * What a read that never waits for Prometheus found: the pool's signals, or word that they are on
 * their way. The operator's evaluations read this way, so a reconcile thread is never held by a batch
 * in flight; a pending pool is evaluated again once the batch has landed, and its status stays what
 * its last evaluation wrote meanwhile.
 */
public sealed interface SignalPoll {

    /** Signals to evaluate on: present, idle or missing, exactly as a blocking read gives them. */
    record Ready(SignalReport report) implements SignalPoll {}

    /**
     * No numbers fresh enough yet; a batch that will bring them is planned or in flight.
     *
     * @param arrival completes when the batch the pool waits for lands: poll again then
     * @param retryAfter when to poll again at the latest, should word of the arrival never come
     * @param detail what is awaited, for logs
     */
    record Pending(CompletionStage<Void> arrival, Duration retryAfter, String detail) implements SignalPoll {}
}
