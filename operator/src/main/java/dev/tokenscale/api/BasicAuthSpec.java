package dev.tokenscale.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** HTTP basic auth, both halves read from Secrets in the pool's namespace. */
public class BasicAuthSpec {

    /** Where the user name is. */
    @Required
    @JsonPropertyDescription("The Secret key holding the basic-auth user name.")
    private SecretKeySelector username;

    /** Where the password is. */
    @Required
    @JsonPropertyDescription("The Secret key holding the basic-auth password.")
    private SecretKeySelector password;

    public SecretKeySelector getUsername() {
        return username;
    }

    public void setUsername(SecretKeySelector username) {
        this.username = username;
    }

    public SecretKeySelector getPassword() {
        return password;
    }

    public void setPassword(SecretKeySelector password) {
        this.password = password;
    }
}
