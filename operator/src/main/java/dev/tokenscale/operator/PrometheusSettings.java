package dev.tokenscale.operator;

import dev.tokenscale.signals.PrometheusAuth;
import dev.tokenscale.signals.PrometheusConnection;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * spec.metrics.prometheus, validated. The URL may be unset, in which case the operator-wide default
 * applies, and credentials are references to Secrets in the pool's namespace, so this becomes a
 * {@link PrometheusConnection} only once that default is known and the Secrets are read.
 *
 * @param url null to use the operator's --prometheus-url
 * @param bearerToken null for none
 * @param basicUsername null for none; set together with basicPassword
 * @param ca null to trust the JVM's CAs
 */
public record PrometheusSettings(
        URI url,
        Duration timeout,
        SecretRef bearerToken,
        SecretRef basicUsername,
        SecretRef basicPassword,
        SecretRef ca,
        boolean insecureSkipVerify) {

    public PrometheusSettings {
        Objects.requireNonNull(timeout, "timeout");
        if ((basicUsername == null) != (basicPassword == null)) {
            throw new IllegalArgumentException("basic auth needs both a user name and a password");
        }
    }

    public static PrometheusSettings defaults() {
        return new PrometheusSettings(null, PrometheusConnection.DEFAULT_TIMEOUT, null, null, null, null, false);
    }

    /** Whether the pool names any Secret. */
    public boolean usesSecrets() {
        return bearerToken != null || basicUsername != null || ca != null;
    }

    /**
     * @param operatorDefault the operator's --prometheus-url, used when the pool names none
     * @throws SecretUnavailableException if a Secret the pool names cannot be read
     */
    public PrometheusConnection connection(URI operatorDefault, SecretValues secrets) {
        URI chosen = url != null ? url : Objects.requireNonNull(operatorDefault, "operatorDefault");
        PrometheusAuth auth = PrometheusAuth.NONE;
        if (bearerToken != null) {
            auth = PrometheusAuth.bearer(secrets.value(bearerToken).strip());
        } else if (basicUsername != null) {
            auth = PrometheusAuth.basic(secrets.value(basicUsername).strip(),
                    secrets.value(basicPassword).replaceFirst("\\r?\\n$", ""));
        }
        String caPem = ca != null ? secrets.value(ca) : null;
        return new PrometheusConnection(chosen, timeout, auth, caPem, insecureSkipVerify);
    }
}
