package dev.tokenscale.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Which certificates an https Prometheus may present. */
public class PrometheusTlsSpec {

    /** PEM CA bundle from a Secret; replaces the JVM's CAs for this pool. */
    @JsonPropertyDescription("The Secret key holding a PEM CA bundle; https certificates must chain to these CAs, and only these. Unset: the JVM's CAs.")
    private SecretKeySelector ca;

    /** Skip TLS verification; for test clusters only. */
    @JsonPropertyDescription("Skip TLS certificate and host-name verification. Off by default; for test clusters only.")
    private Boolean insecureSkipVerify;

    public SecretKeySelector getCa() {
        return ca;
    }

    public void setCa(SecretKeySelector ca) {
        this.ca = ca;
    }

    public Boolean getInsecureSkipVerify() {
        return insecureSkipVerify;
    }

    public void setInsecureSkipVerify(Boolean insecureSkipVerify) {
        this.insecureSkipVerify = insecureSkipVerify;
    }
}
