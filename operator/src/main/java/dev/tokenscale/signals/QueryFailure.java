package dev.tokenscale.signals;

/** Why a query to Prometheus produced no answer; the label is what users read in status and logs. */
public enum QueryFailure {
    /** No connection: refused, unknown host, TLS handshake failed. */
    UNREACHABLE("unreachable"),
    /** No complete answer within the connection's timeout. */
    TIMEOUT("timeout"),
    /** Prometheus rejected the query (HTTP 4xx), or it answered with a shape no signal can use. */
    BAD_QUERY("bad query"),
    /** HTTP 401 or 403: the bearer token or basic-auth credentials were refused. */
    UNAUTHORIZED("unauthorized"),
    /** HTTP 5xx. */
    SERVER_ERROR("server error"),
    /** HTTP 200 with a body that is not Prometheus' query API JSON. */
    MALFORMED_ANSWER("malformed answer"),
    /** The connection settings themselves are unusable: a missing Secret or key, a CA that is not PEM, conflicting auth. */
    BAD_SETTINGS("bad connection settings");

    private final String label;

    QueryFailure(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
