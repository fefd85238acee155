package dev.tokenscale.signals;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach one Prometheus. Credentials and the CA bundle are values read by the caller (from the
 * pool's Secrets, or an operator-wide file the admin named), so nothing here reads a file a pool named.
 * {@link #toString()} masks the credentials and the URL's user information.
 *
 * @param auth {@link PrometheusAuth#NONE} for none
 * @param caPem a PEM CA bundle to trust instead of the JVM's CAs; null for the JVM's
 */
public record PrometheusConnection(
        URI url,
        Duration timeout,
        PrometheusAuth auth,
        String caPem,
        boolean insecureSkipVerify) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public PrometheusConnection {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(auth, "auth");
    }

    public static PrometheusConnection plain(URI url) {
        return new PrometheusConnection(url, DEFAULT_TIMEOUT, PrometheusAuth.NONE, null, false);
    }

    public PrometheusConnection withTimeout(Duration timeout) {
        return new PrometheusConnection(url, timeout, auth, caPem, insecureSkipVerify);
    }

    public PrometheusConnection withAuth(PrometheusAuth auth) {
        return new PrometheusConnection(url, timeout, auth, caPem, insecureSkipVerify);
    }

    /** The URL as it may be shown: user information masked. */
    public String displayUrl() {
        return Redaction.url(url);
    }

    @Override
    public String toString() {
        return "PrometheusConnection[url=" + displayUrl() + ", timeout=" + timeout + ", auth=" + auth
                + ", ca=" + (caPem == null ? "JVM" : "custom") + ", insecureSkipVerify=" + insecureSkipVerify + "]";
    }
}
