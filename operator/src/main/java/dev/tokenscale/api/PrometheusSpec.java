package dev.tokenscale.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/** How to reach the Prometheus that scrapes this pool's workers. */
public class PrometheusSpec {

    /** Base URL of the Prometheus HTTP API; the operator-wide default applies when unset. */
    @Pattern("^https?://.+")
    @JsonPropertyDescription("Base URL of the Prometheus HTTP API, e.g. http://prometheus-operated.monitoring:9090. Unset: the operator's --prometheus-url.")
    private String url;

    /** Per-query timeout. */
    @Pattern(Durations.PATTERN)
    @JsonPropertyDescription("How long one query may take before the signal counts as missing (error), as a duration. Default 5s.")
    private String timeout;

    /** File in the operator pod holding a bearer token. */
    @JsonPropertyDescription("Path, inside the operator pod, of a file holding a bearer token sent with every query. Re-read on each query so rotated tokens work.")
    private String bearerTokenFile;

    /** Basic-auth user name. */
    @JsonPropertyDescription("User name for HTTP basic auth. Needs basicAuthPasswordFile.")
    private String basicAuthUsername;

    /** File in the operator pod holding the basic-auth password. */
    @JsonPropertyDescription("Path, inside the operator pod, of a file holding the HTTP basic-auth password.")
    private String basicAuthPasswordFile;

    /** PEM CA bundle to trust for https. */
    @JsonPropertyDescription("Path, inside the operator pod, of a PEM CA bundle to trust for https, in addition to nothing else.")
    private String caFile;

    /** Skip TLS verification; for test clusters only. */
    @JsonPropertyDescription("Skip TLS certificate verification. Off by default; for test clusters only.")
    private Boolean insecureSkipVerify;

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getTimeout() {
        return timeout;
    }

    public void setTimeout(String timeout) {
        this.timeout = timeout;
    }

    public String getBearerTokenFile() {
        return bearerTokenFile;
    }

    public void setBearerTokenFile(String bearerTokenFile) {
        this.bearerTokenFile = bearerTokenFile;
    }

    public String getBasicAuthUsername() {
        return basicAuthUsername;
    }

    public void setBasicAuthUsername(String basicAuthUsername) {
        this.basicAuthUsername = basicAuthUsername;
    }

    public String getBasicAuthPasswordFile() {
        return basicAuthPasswordFile;
    }

    public void setBasicAuthPasswordFile(String basicAuthPasswordFile) {
        this.basicAuthPasswordFile = basicAuthPasswordFile;
    }

    public String getCaFile() {
        return caFile;
    }

    public void setCaFile(String caFile) {
        this.caFile = caFile;
    }

    public Boolean getInsecureSkipVerify() {
        return insecureSkipVerify;
    }

    public void setInsecureSkipVerify(Boolean insecureSkipVerify) {
        this.insecureSkipVerify = insecureSkipVerify;
    }
}
