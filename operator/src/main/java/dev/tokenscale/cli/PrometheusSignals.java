package dev.tokenscale.cli;

import dev.tokenscale.api.InferencePool;
import dev.tokenscale.operator.MetricsSettings;
import dev.tokenscale.operator.PoolForecast;
import dev.tokenscale.operator.PoolSettings;
import dev.tokenscale.operator.PrometheusSettings;
import dev.tokenscale.operator.SeriesSelection;
import dev.tokenscale.policy.PolicyOutcome;
import dev.tokenscale.policy.ScalingState;
import dev.tokenscale.signals.PrometheusAuth;
import dev.tokenscale.signals.PrometheusHistoryReader;
import dev.tokenscale.signals.PrometheusConnection;
import dev.tokenscale.signals.PrometheusSignalReader;
import dev.tokenscale.signals.Redaction;
import dev.tokenscale.signals.SignalReport;
import dev.tokenscale.signals.SignalRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Signals read live from a Prometheus named on the command line, with the pool's spec.metrics as
 * the operator would use it. Without a cluster there are no pods to select, so the series are those
 * with the pool's namespace (default when the manifest names none) and spec.metrics.selector.
 */
final class PrometheusSignals implements SignalSource {

    private static final String DEFAULT_NAMESPACE = "default";

    private final URI url;

    private PrometheusSignals(URI url) {
        this.url = url;
    }

    /** @throws BadInputException unless {@code text} is an http or https URL with a host */
    static PrometheusSignals at(String text) {
        try {
            URI url = new URI(text);
            if (("http".equals(url.getScheme()) || "https".equals(url.getScheme())) && url.getHost() != null) {
                if (url.getRawUserInfo() != null) {
                    throw new BadInputException("--prometheus: '" + Redaction.url(url) + "' carries credentials in the URL,"
                            + " which would end up in shell history and process lists; give the URL without them");
                }
                return new PrometheusSignals(url);
            }
        } catch (URISyntaxException e) {
            // reported below with the same message as any other non-URL
        }
        throw new BadInputException("--prometheus: '" + Redaction.text(text) + "' is not an http or https URL such as http://127.0.0.1:9090");
    }

    @Override
    public String origin() {
        return url.toString();
    }

    @Override
    public SignalReport read(InferencePool pool, PoolSettings settings, Instant now) {
        return new PrometheusSignalReader(Clock.fixed(now, ZoneOffset.UTC)).read(request(pool, settings));
    }

    /**
     * The pool's forecast as the operator would have it after its first evaluation: Prometheus'
     * requestsPerSecond history over the last 8 days (15 for weekly) plus this reading, with the
     * lead time the exported status learned.
     */
    PoolForecast.Forecasted forecast(InferencePool pool, PoolSettings settings, SignalReport report, ScalingState state,
            PolicyOutcome outcome, Instant now) {
        PoolForecast forecast = PoolForecast.restored(settings.forecast(),
                pool.getStatus() == null ? null : pool.getStatus().getLearned());
        forecast.observeDemand(new PrometheusHistoryReader(), request(pool, settings), settings, report.snapshot(), now);
        return forecast.apply(settings, report.snapshot(), state, outcome, now);
    }

    private SignalRequest request(InferencePool pool, PoolSettings settings) {
        MetricsSettings metrics = settings.metrics();
        String namespace = pool.getMetadata() != null && pool.getMetadata().getNamespace() != null
                ? pool.getMetadata().getNamespace()
                : DEFAULT_NAMESPACE;
        String name = pool.getMetadata() != null && pool.getMetadata().getName() != null ? pool.getMetadata().getName() : "(unnamed)";
        return new SignalRequest(namespace + "/" + name, connection(metrics.prometheus()),
                metrics.presetName(), metrics.customQueries(), metrics.window(),
                SeriesSelection.withoutPodList(namespace, metrics.selector()));
    }

    /**
     * The URL given on the command line wins over spec.metrics.prometheus.url, which names the in-cluster
     * one. The pool's Secret references name Secrets in a cluster explain does not talk to, so it sends
     * no credentials and trusts the JVM's CAs; a pool file never makes it read a file.
     */
    private PrometheusConnection connection(PrometheusSettings spec) {
        return new PrometheusConnection(url, spec.timeout(), PrometheusAuth.NONE, null, spec.insecureSkipVerify());
    }
}
