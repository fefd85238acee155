package dev.tokenscale.operator;

import java.util.Objects;

/**
 * A key of a Secret in the pool's own namespace, validated, with the spec field that named it so a
 * missing Secret is reported against that field.
 *
 * @param field e.g. {@code spec.metrics.prometheus.bearerTokenSecret}
 */
public record SecretRef(String field, String name, String key) {

    public SecretRef {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
    }
}
