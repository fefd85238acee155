package dev.tokenscale.signals;

import java.time.Duration;

/**
 * What a read that never waits for Prometheus found: the pool's signals, or word that they are on
 * their way. The operator's evaluations read this way, so a reconcile thread is never held by a batch
 * in flight; a pending pool is evaluated again once the batch is expected to have landed, and its
 * status stays what its last evaluation wrote meanwhile.
 */
public sealed interface SignalPoll {

    /** Signals to evaluate on: present, idle or missing, exactly as a blocking read gives them. */
    record Ready(SignalReport report) implements SignalPoll {}

    /**
     * No numbers fresh enough yet; a batch that will bring them is planned or in flight.
     *
     * @param retryAfter when to poll again
     * @param detail what is awaited, for logs
     */
    record Pending(Duration retryAfter, String detail) implements SignalPoll {}
}
