package dev.tokenscale.signals;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach one Prometheus. Secrets are read from files on each use, so a rotated token works
 * without a restart.
 *
 * @param bearerTokenFile null for none
 * @param basicAuthUsername null for none; needs basicAuthPasswordFile
 * @param caFile null to use the JVM's trust store
 */
public record PrometheusConnection(
        URI url,
        Duration timeout,
        Path bearerTokenFile,
        String basicAuthUsername,
        Path basicAuthPasswordFile,
        Path caFile,
        boolean insecureSkipVerify) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public PrometheusConnection {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(timeout, "timeout");
    }

    public static PrometheusConnection plain(URI url) {
        return new PrometheusConnection(url, DEFAULT_TIMEOUT, null, null, null, null, false);
    }
}
