package dev.tokenscale.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * One key of a Secret in the pool's own namespace, the shape of the Prometheus Operator's
 * SecretKeySelector. There is deliberately no namespace field: a pool can only hand the operator
 * credentials its own namespace already holds, never a file on the operator's disk or another
 * namespace's Secret.
 */
public class SecretKeySelector {

    /** Name of the Secret, in the pool's namespace. */
    @Required
    @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
    @JsonPropertyDescription("Name of a Secret in the pool's own namespace.")
    private String name;

    /** Key inside the Secret's data. */
    @Required
    @Pattern("^[-._a-zA-Z0-9]+$")
    @JsonPropertyDescription("Key in the Secret's data whose value is used.")
    private String key;

    public SecretKeySelector() {}

    public SecretKeySelector(String name, String key) {
        this.name = name;
        this.key = key;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }
}
