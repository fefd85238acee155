package dev.tokenscale.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One text-exposition target on 127.0.0.1 that exports vLLM's series for many pools' pods at once,
 * each with {@code namespace}, {@code pod} and {@code model} labels, so a single Prometheus scrape
 * covers hundreds of pools. Every counter grows at a fixed rate and every sample carries its own
 * timestamp, so {@code rate()} and {@code histogram_quantile()} give the same number whenever they are
 * asked: a batch and a pool's own query, asked seconds apart, must agree to the last rounding.
 */
public final class SteadyExporter implements AutoCloseable {

    private static final double[] TTFT_BOUNDS = {0.05, 0.1, 0.25, 0.5, 1, 2.5};
    private static final double[] TPOT_BOUNDS = {0.01, 0.025, 0.05, 0.1};

    /**
     * @param requestsPerSecond each pod's arrivals; 0 for an idle pool, whose histograms stand still
     * @param legacyNames exports vLLM's older TPOT histogram and cache gauge, which the preset reads through {@code or}
     */
    public record Pool(String namespace, String model, List<String> pods, double requestsPerSecond, boolean legacyNames) {
        public Pool {
            pods = List.copyOf(pods);
        }
    }

    private final HttpServer server;
    /** Counters started an hour ago, so rate() never meets the zero-point limit of a fresh counter. */
    private final long originMillis = System.currentTimeMillis() / 1000 * 1000 - 3_600_000;

    private SteadyExporter(List<Pool> pools) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Pool> exported = List.copyOf(pools);
        server.createContext("/metrics", exchange -> {
            byte[] body = exposition(exported, System.currentTimeMillis()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    public static SteadyExporter start(List<Pool> pools) {
        return new SteadyExporter(pools);
    }

    public URI metricsUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/metrics");
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /**
     * Samples are stamped at the end of the current second, so they lie exactly a second apart and the
     * newest one any query sees is less than a second old: rate() then extrapolates to both ends of
     * its window the same way at any time, and gives exactly the counter's rate.
     */
    private String exposition(List<Pool> pools, long wallMillis) {
        long now = wallMillis - Math.floorMod(wallMillis, 1000) + 999;
        double elapsed = (now - originMillis) / 1000.0;
        StringBuilder out = new StringBuilder(pools.size() * 8_000);
        for (int p = 0; p < pools.size(); p++) {
            Pool pool = pools.get(p);
            for (int k = 0; k < pool.pods().size(); k++) {
                String labels = "namespace=\"" + pool.namespace() + "\",pod=\"" + pool.pods().get(k) + "\",model=\"" + pool.model() + "\"";
                double rps = pool.requestsPerSecond() * (1 + 0.25 * k);
                // Each pool's latencies sit elsewhere in the buckets, so every pool has its own P99.
                double skew = (p % 7) / 10.0;
                histogram(out, "vllm:time_to_first_token_seconds", labels, TTFT_BOUNDS, rps, skew, elapsed, now);
                histogram(out, pool.legacyNames() ? "vllm:time_per_output_token_seconds" : "vllm:inter_token_latency_seconds",
                        labels, TPOT_BOUNDS, rps * 40, skew, elapsed, now);
                double cache = 0.2 + 0.01 * (p % 50) + 0.1 * k;
                sample(out, "vllm:kv_cache_usage_perc", labels, cache, now);
                if (pool.legacyNames()) {
                    sample(out, "vllm:gpu_cache_usage_perc", labels, cache, now);
                }
                sample(out, "vllm:num_requests_waiting", labels, p % 5 + k, now);
                sample(out, "vllm:num_requests_running", labels, 2 + k + p % 3, now);
                sample(out, "vllm:generation_tokens_total", labels, 120 * rps * elapsed, now);
            }
        }
        return out.toString();
    }

    /** Cumulative buckets of a histogram observed at {@code rps}, with a share {@code skew} pushed up a bucket. */
    private static void histogram(StringBuilder out, String name, String labels, double[] bounds, double rps, double skew,
            double elapsed, long now) {
        double count = rps * elapsed;
        for (int i = 0; i < bounds.length; i++) {
            double share = Math.min(1, (i + 1.0 - skew) / (bounds.length + 0.5));
            sample(out, name + "_bucket", labels + ",le=\"" + bounds[i] + "\"", count * Math.max(0, share), now);
        }
        sample(out, name + "_bucket", labels + ",le=\"+Inf\"", count, now);
        sample(out, name + "_count", labels, count, now);
        sample(out, name + "_sum", labels, count * bounds[bounds.length / 2], now);
    }

    private static void sample(StringBuilder out, String name, String labels, double value, long timestamp) {
        out.append(name).append('{').append(labels).append("} ").append(Double.toString(value))
                .append(' ').append(timestamp).append('\n');
    }
}
