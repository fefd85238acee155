package dev.tokenscale.operator;

import dev.tokenscale.signals.PrometheusConnection;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * spec.metrics.prometheus, validated. The URL may be unset, in which case the operator-wide default
 * applies, so this becomes a {@link PrometheusConnection} only once that default is known.
 *
 * @param url null to use the operator's --prometheus-url
 */
public record PrometheusSettings(
        URI url,
        Duration timeout,
        Path bearerTokenFile,
        String basicAuthUsername,
        Path basicAuthPasswordFile,
        Path caFile,
        boolean insecureSkipVerify) {

    public PrometheusSettings {
        Objects.requireNonNull(timeout, "timeout");
    }

    public static PrometheusSettings defaults() {
        return new PrometheusSettings(null, PrometheusConnection.DEFAULT_TIMEOUT, null, null, null, null, false);
    }

    /** @param operatorDefault the operator's --prometheus-url, used when the pool names none */
    public PrometheusConnection connection(URI operatorDefault) {
        URI chosen = url != null ? url : Objects.requireNonNull(operatorDefault, "operatorDefault");
        return new PrometheusConnection(chosen, timeout, bearerTokenFile, basicAuthUsername, basicAuthPasswordFile,
                caFile, insecureSkipVerify);
    }
}
