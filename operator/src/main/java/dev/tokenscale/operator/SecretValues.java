package dev.tokenscale.operator;

/** Where the values of a pool's Secret references come from: the API server in the operator, nowhere in explain. */
@FunctionalInterface
public interface SecretValues {

    /** @throws SecretUnavailableException if the Secret or its key cannot be read */
    String value(SecretRef ref);
}
