package dev.tokenscale.signals;

import java.time.Duration;

/**
 * The metrics-source port. The operator, {@code explain --prometheus} and {@code demo} read a pool's
 * signals through it; tests substitute a hand-written fake. An implementation never throws for a
 * metrics fault: each signal comes back present, idle or missing with its reason.
 */
public interface SignalReader {

    SignalReport read(SignalRequest request);

    /**
     * A read that may reuse numbers Prometheus gave up to {@code maxAge} ago, e.g. a batch asked for
     * many pools at once; the pool's evaluation interval is the natural bound. Readers that always
     * ask afresh ignore it.
     */
    default SignalReport read(SignalRequest request, Duration maxAge) {
        return read(request);
    }

    /**
     * A read that never waits on a query another read started: {@link SignalPoll.Pending} when the
     * numbers up to {@code maxAge} old are still on their way. Readers that ask afresh each time send
     * the pool's own queries and are always ready.
     */
    default SignalPoll poll(SignalRequest request, Duration maxAge) {
        return new SignalPoll.Ready(read(request, maxAge));
    }
}
