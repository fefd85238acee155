package dev.tokenscale.operator;

import dev.tokenscale.api.InferencePool;

/** Where the reconciler reports what happened to a pool, for people reading `kubectl describe ipool`. */
public interface PoolEvents {

    /** Records an event on the pool. Implementations decide how identical repeats are folded. */
    void record(InferencePool pool, EventReason reason, String message);

    /** Drops whatever is remembered about a deleted pool. */
    void forget(InferencePool pool);
}
