package dev.tokenscale.sim;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The engines of many pools behind one loopback HTTP server, for the benchmark: every pod of every
 * pool exports its engine's series (the same names, buckets and {@code model_name} label as
 * {@link WorkerEmulator}'s workers), labelled with its {@code namespace} and {@code pod} as
 * Kubernetes service discovery would label them. One path per namespace, {@code /metrics/<namespace>},
 * so Prometheus scrapes the namespaces in parallel.
 *
 * <p>Each pool serves a steady load through the {@link LoadModel}. Samples carry their own
 * timestamps, in whole seconds, and counters and histograms grow exactly in proportion to them, so
 * every rate and quantile reads back the same figure at every scrape: a steady pool's signals never
 * move, and an operator has no reason to write its status again.
 */
public final class SteadyFleet implements AutoCloseable {

    /**
     * @param pods the pod names, each exporting an even share of the pool's load
     * @param modelName the {@code model_name} label of the pool's series
     */
    public record Pool(String namespace, List<String> pods, String modelName, double arrivalRps) {
        public Pool {
            pods = List.copyOf(pods);
            if (pods.isEmpty()) {
                throw new IllegalArgumentException("a pool of the fleet needs at least one pod");
            }
        }
    }

    /** A pool and one second of one of its pods' series, which every sample multiplies. */
    private record Exported(Pool pool, WorkerMetrics perSecond) {}

    private final EmulatedEngine engine;
    private final Clock clock;
    private final long startSecond;
    private final Map<String, List<Exported>> byNamespace = new LinkedHashMap<>();
    private final HttpServer server;
    private final ExecutorService threads;

    private SteadyFleet(List<Pool> pools, EmulatedEngine engine, LoadModel.Params model, Clock clock) throws IOException {
        this.engine = engine;
        this.clock = clock;
        this.startSecond = clock.instant().getEpochSecond();
        for (Pool pool : pools) {
            LoadModel.Observation steady = new LoadModel(model).observe(pool.arrivalRps(), pool.pods().size(), pool.arrivalRps());
            WorkerMetrics second = new WorkerMetrics(engine);
            second.record(steady, 1, model);
            byNamespace.computeIfAbsent(pool.namespace(), n -> new ArrayList<>()).add(new Exported(pool, second));
        }
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.threads = Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "steady-fleet");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/metrics/", exchange -> {
            try (exchange) {
                String namespace = exchange.getRequestURI().getPath().substring("/metrics/".length());
                List<Exported> served = byNamespace.get(namespace);
                byte[] body = (served == null ? "no such namespace\n" : render(served)).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", MetricsExposition.CONTENT_TYPE);
                exchange.sendResponseHeaders(served == null ? 404 : 200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
    }

    /** Starts serving at once; close it to free the port. */
    public static SteadyFleet start(List<Pool> pools, EmulatedEngine engine, LoadModel.Params model, Clock clock)
            throws IOException {
        return new SteadyFleet(pools, engine, model, clock);
    }

    /** One URL per namespace, in the order the pools were given. */
    public List<URI> metricsUrls() {
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/metrics/";
        return byNamespace.keySet().stream().map(namespace -> URI.create(base + namespace)).toList();
    }

    private String render(List<Exported> pools) {
        long now = clock.instant().getEpochSecond();
        double seconds = now - startSecond;
        long millis = now * 1000;
        StringBuilder out = new StringBuilder(pools.size() * 8192);
        histogram(out, engine.ttftHistogram(), MetricsExposition.TTFT_HELP, pools, WorkerMetrics::ttft, seconds, millis);
        histogram(out, engine.interTokenHistogram(), MetricsExposition.INTER_TOKEN_HELP, pools, WorkerMetrics::interToken,
                seconds, millis);
        gauge(out, engine.usageGauge(), MetricsExposition.USAGE_HELP, pools, WorkerMetrics::usage, millis);
        gauge(out, engine.waitingGauge(), MetricsExposition.WAITING_HELP, pools, WorkerMetrics::waiting, millis);
        gauge(out, engine.runningGauge(), MetricsExposition.RUNNING_HELP, pools, WorkerMetrics::running, millis);
        String counter = engine.generationTokensCounter();
        MetricsExposition.header(out, counter, MetricsExposition.TOKENS_HELP, "counter");
        for (Exported e : pools) {
            for (String pod : e.pool().pods()) {
                MetricsExposition.sample(out, counter + "_total", labels(e.pool(), pod), e.perSecond().generationTokens() * seconds,
                        millis);
            }
        }
        return out.toString();
    }

    private void histogram(StringBuilder out, String name, String help, List<Exported> pools,
            Function<WorkerMetrics, CumulativeHistogram> which, double seconds, long millis) {
        MetricsExposition.header(out, name, help, "histogram");
        for (Exported e : pools) {
            CumulativeHistogram h = which.apply(e.perSecond());
            for (String pod : e.pool().pods()) {
                Map<String, String> labels = labels(e.pool(), pod);
                for (int i = 0; i < h.bounds().size(); i++) {
                    Map<String, String> bucket = new TreeMap<>(labels);
                    bucket.put("le", MetricsExposition.le(h.bounds().get(i)));
                    MetricsExposition.sample(out, name + "_bucket", bucket, h.cumulativeCount(i) * seconds, millis);
                }
                Map<String, String> infinity = new TreeMap<>(labels);
                infinity.put("le", "+Inf");
                MetricsExposition.sample(out, name + "_bucket", infinity, h.count() * seconds, millis);
                MetricsExposition.sample(out, name + "_count", labels, h.count() * seconds, millis);
                MetricsExposition.sample(out, name + "_sum", labels, h.sum() * seconds, millis);
            }
        }
    }

    private void gauge(StringBuilder out, String name, String help, List<Exported> pools,
            ToDoubleFunction<WorkerMetrics> value, long millis) {
        MetricsExposition.header(out, name, help, "gauge");
        for (Exported e : pools) {
            for (String pod : e.pool().pods()) {
                MetricsExposition.sample(out, name, labels(e.pool(), pod), value.applyAsDouble(e.perSecond()), millis);
            }
        }
    }

    private Map<String, String> labels(Pool pool, String pod) {
        Map<String, String> labels = new TreeMap<>(engine.constantLabels());
        labels.put("model_name", pool.modelName());
        labels.put("namespace", pool.namespace());
        labels.put("pod", pod);
        return labels;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
