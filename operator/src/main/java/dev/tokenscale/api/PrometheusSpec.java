package dev.tokenscale.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Pattern;
import java.util.Map;
import java.util.List;
import java.util.TreeMap;

/**
 * How to reach the Prometheus that scrapes this pool's workers. Unknown fields are preserved by the
 * API server so that the operator can name them (see {@link #unknownFieldNames()}).
 */
@PreserveUnknownFields
public class PrometheusSpec {

    /** Base URL of the Prometheus HTTP API; the operator-wide default applies when unset. */
    @Pattern("^https?://.+")
    @JsonPropertyDescription("Base URL of the Prometheus HTTP API, e.g. http://prometheus-operated.monitoring:9090. Unset: the operator's --prometheus-url.")
    private String url;

    /** Per-query timeout. */
    @Pattern(Durations.PATTERN)
    @JsonPropertyDescription("How long one query may take before the signal counts as missing (error), as a duration. Default 5s.")
    private String timeout;

    /** Bearer token from a Secret in the pool's namespace. */
    @JsonPropertyDescription("The Secret key (in the pool's namespace) holding a bearer token sent as Authorization: Bearer with every query. Read on every evaluation, so a rotated token works. Not with basicAuth.")
    private SecretKeySelector bearerTokenSecret;

    /** Basic auth from Secrets in the pool's namespace. */
    @JsonPropertyDescription("HTTP basic auth, user name and password each from a Secret key in the pool's namespace. Not with bearerTokenSecret.")
    private BasicAuthSpec basicAuth;

    /** https trust. */
    @JsonPropertyDescription("TLS settings for an https url: a CA bundle from a Secret, or (for test clusters) no verification.")
    private PrometheusTlsSpec tls;

    /**
     * Fields this version does not know, such as the file-based credentials of earlier versions
     * ({@code bearerTokenFile}, {@code caFile}, ...). They are kept, not dropped: a spec stored under an
     * earlier CRD must get a clear error naming the field, rather than fail to deserialize (which
     * stops the operator for every pool) or run silently without its credentials.
     */
    @JsonIgnore
    private final Map<String, Object> unknownFields = new TreeMap<>();

    @JsonAnySetter
    void setUnknownField(String name, Object value) {
        unknownFields.put(name, value);
    }

    /** Ignored by the schema generator, still written by Jackson, so a copy of the spec keeps the fields. */
    @JsonIgnore
    @JsonAnyGetter
    Map<String, Object> unknownFields() {
        return unknownFields;
    }

    /** Names of the fields this spec sets that this version does not know, in name order. */
    public List<String> unknownFieldNames() {
        return List.copyOf(unknownFields.keySet());
    }

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

    public SecretKeySelector getBearerTokenSecret() {
        return bearerTokenSecret;
    }

    public void setBearerTokenSecret(SecretKeySelector bearerTokenSecret) {
        this.bearerTokenSecret = bearerTokenSecret;
    }

    public BasicAuthSpec getBasicAuth() {
        return basicAuth;
    }

    public void setBasicAuth(BasicAuthSpec basicAuth) {
        this.basicAuth = basicAuth;
    }

    public PrometheusTlsSpec getTls() {
        return tls;
    }

    public void setTls(PrometheusTlsSpec tls) {
        this.tls = tls;
    }
}
