package dev.tokenscale.testing;

import dev.tokenscale.operator.KubernetesEvents;
import dev.tokenscale.operator.OperatorMetrics;
import dev.tokenscale.operator.OperatorOptions;
import dev.tokenscale.operator.TokenscaleOperator;
import dev.tokenscale.signals.HistoryReader;
import dev.tokenscale.signals.SignalReader;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The real operator (JOSDK, reconciler, Events, metrics) on a {@link MockCluster}, with the test's
 * clock and metrics source, on the cluster's operator client, so deploy/'s RBAC applies to every call.
 * Leader election is off, as outside a cluster, unless the options say otherwise.
 */
public final class OperatorUnderTest implements AutoCloseable {

    private final TokenscaleOperator operator;
    private final OperatorMetrics metrics;

    private OperatorUnderTest(TokenscaleOperator operator, OperatorMetrics metrics) {
        this.operator = operator;
        this.metrics = metrics;
    }

    public static OperatorUnderTest start(MockCluster cluster, SignalReader signals, Clock clock) {
        return start(cluster, signals, clock, new OperatorOptions(URI.create("http://127.0.0.1:9"), Set.of(), false, null,
                "operator-under-test", Duration.ofMinutes(5)));
    }

    public static OperatorUnderTest start(MockCluster cluster, SignalReader signals, Clock clock, OperatorOptions options) {
        return start(cluster, signals, HistoryReader.NONE, clock, options);
    }

    /** An operator that reads forecasting pools' demand history through {@code history}. */
    public static OperatorUnderTest start(MockCluster cluster, SignalReader signals, HistoryReader history, Clock clock,
            OperatorOptions options) {
        OperatorMetrics metrics = new OperatorMetrics(new PrometheusRegistry());
        TokenscaleOperator operator = TokenscaleOperator.start(cluster.operatorClient(), options, signals, history,
                new KubernetesEvents(cluster.operatorClient(), clock, options.identity()), metrics, clock, () -> {
                    throw new IllegalStateException(options.identity() + " lost its lease in a test");
                });
        return new OperatorUnderTest(operator, metrics);
    }

    public TokenscaleOperator operator() {
        return operator;
    }

    public OperatorMetrics metrics() {
        return metrics;
    }

    /** The data points of one metric family, by its exposed name without _total. */
    public List<? extends DataPointSnapshot> dataPoints(String name) {
        return metrics.registry().scrape().stream()
                .filter(m -> m.getMetadata().getName().equals(name))
                .findFirst()
                .map(MetricSnapshot::getDataPoints)
                .orElse(List.of());
    }

    /** The data points of a metric that belong to one pool. */
    public List<? extends DataPointSnapshot> dataPoints(String name, String namespace, String pool) {
        return dataPoints(name).stream()
                .filter(p -> namespace.equals(p.getLabels().get("namespace")) && pool.equals(p.getLabels().get("pool")))
                .toList();
    }

    /** When the pool was last evaluated, from tokenscale_pool_last_evaluation_timestamp_seconds; empty before the first. */
    public Optional<Instant> lastEvaluation(String namespace, String pool) {
        return dataPoints("tokenscale_pool_last_evaluation_timestamp_seconds", namespace, pool).stream()
                .map(p -> Instant.ofEpochMilli(Math.round(((GaugeSnapshot.GaugeDataPointSnapshot) p).getValue() * 1000)))
                .findFirst();
    }

    @Override
    public void close() {
        operator.close();
    }
}
