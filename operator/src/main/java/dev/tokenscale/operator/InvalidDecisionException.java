package dev.tokenscale.operator;

/**
 * A replica count that must never reach /scale: negative, or outside the pool's [minReplicas,
 * maxReplicas]. Nothing was written; the message says what was refused and why.
 */
public final class InvalidDecisionException extends Exception {

    public InvalidDecisionException(String message) {
        super(message);
    }
}
