package dev.tokenscale.operator;

import java.time.Duration;

/**
 * An evaluation needs an informer whose first list is on its way: it comes back shortly to read the
 * cache rather than read through the API now. When thousands of pools start at once (an operator
 * restart, a new namespace of pools), reading each pool's pods and /scale through the API while its
 * namespace's informer lists would send the API server one request per pool on top of the informer's
 * list, and slow that list down; on an API server already busy, the pools then never get to their cache.
 */
final class InformerStarting extends RuntimeException {

    /** When the evaluation comes back: often enough that a pool waits about one list's time, no more. */
    static final Duration RETRY = Duration.ofMillis(500);

    InformerStarting(String informer, String what) {
        // No stack trace: this is a wait, not a fault, and thousands may be thrown at a start.
        super("informer " + informer + " is listing " + what, null, false, false);
    }
}
