package dev.tokenscale.operator;

import dev.tokenscale.policy.Decision;
import dev.tokenscale.policy.PolicySettings;
import dev.tokenscale.policy.Signal;
import dev.tokenscale.policy.SignalReading;
import dev.tokenscale.policy.SignalSnapshot;
import dev.tokenscale.policy.Sizing;
import dev.tokenscale.signals.QueryListener;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.StatefulMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The operator's own metrics. Every pool series carries {@code namespace} and {@code pool}; a pool's
 * series are removed when the pool is deleted. A signal that is missing or idle has no
 * {@code tokenscale_pool_signal} series at all rather than a 0, so a dashboard or alert never reads
 * "no data" as "no load".
 */
public final class OperatorMetrics {

    private final PrometheusRegistry registry;
    private final Gauge replicas;
    private final Gauge desiredReplicas;
    private final Gauge capacity;
    private final Gauge demand;
    private final Gauge signal;
    private final Gauge slo;
    private final Gauge costPerHour;
    private final Gauge costPerMillionTokens;
    private final Counter decisions;
    private final Histogram reconcileDuration;
    private final Counter queryErrors;
    private final Counter queriesSent;
    private final Gauge lastEvaluation;
    private final Gauge coverage;
    private final Gauge forecastError;
    private final Gauge coldStart;
    private final List<StatefulMetric<?, ?>> perPool;
    private final AtomicReference<Supplier<Map<String, Integer>>> informers = new AtomicReference<>(Map::of);

    public OperatorMetrics(PrometheusRegistry registry) {
        this.registry = registry;
        // Without exemplars: nothing here records a trace, and every series would still carry an
        // exemplar sampler (about 2.5 KB a pool over its 15 series, a few MB at 1,000 pools).
        replicas = Gauge.builder().name("tokenscale_pool_replicas")
                .help("Replicas the pool's target has, from its /scale subresource.")
                .labelNames("namespace", "pool").withoutExemplars().register(registry);
        desiredReplicas = Gauge.builder().name("tokenscale_pool_desired_replicas")
                .help("Replicas the operator wants for the pool after bounds, cooldowns and holds.")
                .labelNames("namespace", "pool").withoutExemplars().register(registry);
        capacity = Gauge.builder().name("tokenscale_pool_capacity_requests_per_second")
                .help("Adaptive pools: requests per second one ready replica serves at 100% utilization, learned or hinted; absent without one.")
                .labelNames("namespace", "pool", "source").withoutExemplars().register(registry);
        demand = Gauge.builder().name("tokenscale_pool_demand_requests_per_second")
                .help("Adaptive pools: requests per second the pool is sized for (arrivals plus the queue to drain); absent while unknown.")
                .labelNames("namespace", "pool").withoutExemplars().register(registry);
        signal = Gauge.builder().name("tokenscale_pool_signal")
                .help("The pool's signals at the latest evaluation; absent while a signal is missing or idle.")
                .labelNames("namespace", "pool", "signal").withoutExemplars().register(registry);
        slo = Gauge.builder().name("tokenscale_pool_slo_milliseconds")
                .help("The pool's latency SLOs, so dashboards can draw each signal against its target.")
                .labelNames("namespace", "pool", "signal").withoutExemplars().register(registry);
        costPerHour = Gauge.builder().name("tokenscale_pool_cost_per_hour_dollars")
                .help("What the pool costs per hour: replicas x GPUs per replica x GPU-hour price x (1 + overhead).")
                .labelNames("namespace", "pool").withoutExemplars().register(registry);
        costPerMillionTokens = Gauge.builder().name("tokenscale_pool_cost_per_million_tokens_dollars")
                .help("Hourly cost over the tokens generated in an hour, per million; absent without throughput.")
                .labelNames("namespace", "pool").withoutExemplars().register(registry);
        decisions = Counter.builder().name("tokenscale_scaling_decisions")
                .help("Scaling decisions by action and reason.")
                .labelNames("namespace", "pool", "action", "reason").withoutExemplars().register(registry);
        reconcileDuration = Histogram.builder().name("tokenscale_reconcile_duration_seconds")
                .help("Time one evaluation of a pool takes, from reading the pool to writing its status.")
                .labelNames("namespace", "pool")
                .classicOnly()
                .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
                .withoutExemplars().register(registry);
        queryErrors = Counter.builder().name("tokenscale_prometheus_query_errors")
                .help("Signal reads that failed because Prometheus errored (unreachable, timeout, bad query, bad answer).")
                .labelNames("namespace", "pool", "signal").withoutExemplars().register(registry);
        queriesSent = Counter.builder().name("tokenscale_prometheus_queries")
                .help("PromQL queries sent to Prometheus, by mode (batch: one query serves a group of pools; pool: one pool's own), "
                        + "preset and query (a signal, runningRequests or <signal>.requestRate).")
                .labelNames("mode", "preset", "query").withoutExemplars().register(registry);
        // Status is written only when something shown changes, so the time of the latest evaluation,
        // which changes every interval, lives here.
        lastEvaluation = Gauge.builder().name("tokenscale_pool_last_evaluation_timestamp_seconds")
                .help("When the pool was last evaluated, Unix seconds by the operator's clock.")
                .labelNames("namespace", "pool").withoutExemplars().register(registry);
        coverage = Gauge.builder().name("tokenscale_pool_coverage_percent")
                .help("Share of the target's ready pods reporting fresh metrics; absent when not measured.")
                .labelNames("namespace", "pool").withoutExemplars().register(registry);
        forecastError = Gauge.builder().name("tokenscale_pool_forecast_error_percent")
                .help("Forecasting pools: the demand forecast's error over the last day (sum |forecast - actual| / sum actual x 100); absent until an hour of forecasts was checked.")
                .labelNames("namespace", "pool").withoutExemplars().register(registry);
        coldStart = Gauge.builder().name("tokenscale_pool_cold_start_seconds")
                .help("The lead time the pool plans with: p90 of its last 20 measured cold starts (scale order to ready), or the seed before three.")
                .labelNames("namespace", "pool").withoutExemplars().register(registry);
        GaugeWithCallback.builder().name("tokenscale_informers")
                .help("The operator's workload and pod informers by state: starting, syncing (listing; its pools read the API meanwhile), cached, dropped (refused by RBAC or failed to start; retried later).")
                .labelNames("state")
                .callback(callback -> informers.get().get().forEach((state, count) -> callback.call(count, state)))
                .register(registry);
        perPool = List.of(replicas, desiredReplicas, capacity, demand, signal, slo, costPerHour, costPerMillionTokens, decisions,
                reconcileDuration, queryErrors, lastEvaluation, coverage, forecastError, coldStart);
    }

    /** Where {@code tokenscale_informers} reads its counts by state when scraped. */
    void countInformers(Supplier<Map<String, Integer>> byState) {
        informers.set(byState);
    }

    /** A registry with these metrics and the JVM's. */
    public static OperatorMetrics withJvmMetrics(PrometheusRegistry registry) {
        JvmMetrics.builder().register(registry);
        return new OperatorMetrics(registry);
    }

    /** Counts every query the signal readers send, in {@code tokenscale_prometheus_queries_total}; no pool label. */
    public QueryListener prometheusQueries() {
        return (mode, preset, query) -> queriesSent.labelValues(mode, preset, query).inc();
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    public void recordSignals(String namespace, String pool, SignalSnapshot snapshot) {
        for (Signal s : Signal.values()) {
            SignalReading reading = snapshot.get(s);
            if (reading instanceof SignalReading.Present present) {
                signal.labelValues(namespace, pool, s.key()).set(present.value());
            } else {
                signal.remove(namespace, pool, s.key());
            }
            if (reading instanceof SignalReading.Missing missing && missing.reason().sourceFailed()) {
                queryErrors.labelValues(namespace, pool, s.key()).inc();
            }
        }
        Double percent = snapshot.coverage().percentOrNull();
        if (percent != null) {
            coverage.labelValues(namespace, pool).set(percent);
        } else {
            coverage.remove(namespace, pool);
        }
    }

    public void recordSlo(String namespace, String pool, PolicySettings settings) {
        slo.labelValues(namespace, pool, Signal.TTFT_P99_MS.key()).set(settings.ttftSlo().toNanos() / 1e6);
        slo.labelValues(namespace, pool, Signal.TPOT_P99_MS.key()).set(settings.tpotSlo().toNanos() / 1e6);
    }

    public void recordDecision(String namespace, String pool, int currentReplicas, Decision decision) {
        replicas.labelValues(namespace, pool).set(currentReplicas);
        desiredReplicas.labelValues(namespace, pool).set(decision.to());
        decisions.labelValues(namespace, pool, decision.action().key(), decision.reason().key()).inc();
    }

    /** Records the Adaptive policy's capacity and demand; a pool on another policy, or a figure unknown, has no series. */
    public void recordSizing(String namespace, String pool, Sizing sizing) {
        capacity.removeIf(labels -> labels.get(0).equals(namespace) && labels.get(1).equals(pool));
        if (sizing != null && sizing.capacityRps() != null) {
            capacity.labelValues(namespace, pool, sizing.capacitySource().key()).set(sizing.capacityRps());
        }
        if (sizing != null && sizing.demandRps() != null) {
            demand.labelValues(namespace, pool).set(sizing.demandRps());
        } else {
            demand.remove(namespace, pool);
        }
    }

    /** Records the learned lead time and the forecast's error; an unknown error removes that series. */
    public void recordForecast(String namespace, String pool, ForecastView view) {
        if (view == null) {
            return;
        }
        coldStart.labelValues(namespace, pool).set(view.coldStart().toMillis() / 1000.0);
        if (view.errorPercent() != null) {
            forecastError.labelValues(namespace, pool).set(view.errorPercent());
        } else {
            forecastError.remove(namespace, pool);
        }
    }

    /** Records the pool's cost; a null per-million figure removes that series. */
    public void recordCost(String namespace, String pool, double hourly, Double perMillionTokens) {
        costPerHour.labelValues(namespace, pool).set(hourly);
        if (perMillionTokens != null) {
            costPerMillionTokens.labelValues(namespace, pool).set(perMillionTokens);
        } else {
            costPerMillionTokens.remove(namespace, pool);
        }
    }

    public void recordEvaluation(String namespace, String pool, Instant at) {
        lastEvaluation.labelValues(namespace, pool).set(at.toEpochMilli() / 1000.0);
    }

    public void observeReconcile(String namespace, String pool, double seconds) {
        reconcileDuration.labelValues(namespace, pool).observe(seconds);
    }

    /** Removes every series of a pool, for a deleted pool. */
    public void forget(String namespace, String pool) {
        for (StatefulMetric<?, ?> metric : perPool) {
            metric.removeIf(labels -> labels.size() >= 2 && labels.get(0).equals(namespace) && labels.get(1).equals(pool));
        }
    }
}
