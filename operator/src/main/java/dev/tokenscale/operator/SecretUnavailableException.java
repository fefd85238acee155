package dev.tokenscale.operator;

/**
 * A Secret a pool names cannot be read: absent, without the key, or not readable by the operator. The
 * message names the spec field and the Secret, never a value.
 */
public final class SecretUnavailableException extends RuntimeException {

    public SecretUnavailableException(SecretRef ref, String namespace, String problem) {
        super(ref.field() + ": Secret " + namespace + "/" + ref.name() + " " + problem);
    }
}
