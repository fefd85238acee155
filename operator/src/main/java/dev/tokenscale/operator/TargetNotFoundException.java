package dev.tokenscale.operator;

/** The pool's scale target, or its kind, does not exist, or the kind has no /scale subresource. */
public final class TargetNotFoundException extends Exception {

    public TargetNotFoundException(String message) {
        super(message);
    }
}
