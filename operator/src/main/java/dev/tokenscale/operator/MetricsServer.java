package dev.tokenscale.operator;

import com.sun.net.httpserver.HttpExchange;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One port for {@code /metrics}, {@code /healthz} and {@code /readyz}, so the Deployment's probes and
 * the ServiceMonitor point at the same place.
 */
public final class MetricsServer implements AutoCloseable {

    /**
     * Threads answering requests: a scrape, a probe and one more at once. The exporter's default
     * keeps ten for good, and each thread that wrote a /metrics page kept a native copy of it.
     */
    static final int THREADS = 3;

    private final HTTPServer server;

    private MetricsServer(HTTPServer server) {
        this.server = server;
    }

    /**
     * @param port 0 for any free port
     * @param live whether the process can still do its work; a failing answer makes Kubernetes restart it
     * @param ready whether it should act now: started, leading, able to list its pools
     * @throws java.net.BindException when the port is in use
     */
    public static MetricsServer start(String host, int port, PrometheusRegistry registry, Supplier<ProbeAnswer> live,
            Supplier<ProbeAnswer> ready) throws IOException {
        HTTPServer server = HTTPServer.builder()
                .hostname(host)
                .port(port)
                .registry(registry)
                .metricsHandlerPath("/metrics")
                .executorService(executor())
                .defaultHandler(exchange -> {
                    switch (exchange.getRequestURI().getPath()) {
                        case "/healthz" -> answer(exchange, live.get());
                        case "/readyz" -> answer(exchange, ready.get());
                        default -> reply(exchange, 404, "not found: try /metrics, /healthz or /readyz\n");
                    }
                })
                .buildAndStart();
        return new MetricsServer(server);
    }

    /** Idle threads end after a minute; requests beyond {@link #THREADS} wait their turn. */
    private static ExecutorService executor() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "tokenscale-metrics-http-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.close();
    }

    private static void answer(HttpExchange exchange, ProbeAnswer answer) throws IOException {
        reply(exchange, answer.ok() ? 200 : 503, answer.message() + "\n");
    }

    private static void reply(HttpExchange exchange, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
