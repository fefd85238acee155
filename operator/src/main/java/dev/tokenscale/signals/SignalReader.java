package dev.tokenscale.signals;

/**
 * The metrics-source port. The operator, {@code explain --prometheus} and {@code demo} read a pool's
 * signals through it; tests substitute a hand-written fake. An implementation never throws for a
 * metrics fault: each signal comes back present, idle or missing with its reason.
 */
public interface SignalReader {

    SignalReport read(SignalRequest request);
}
