package dev.tokenscale.operator;

import com.sun.net.httpserver.HttpExchange;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * One port for {@code /metrics}, {@code /healthz} and {@code /readyz}, so the Deployment's probes and
 * the ServiceMonitor point at the same place.
 */
public final class MetricsServer implements AutoCloseable {

    private final HTTPServer server;

    private MetricsServer(HTTPServer server) {
        this.server = server;
    }

    /**
     * @param port 0 for any free port
     * @param live whether the process can still do its work (its watches are healthy)
     * @param ready whether it has started and, with leader election, leads
     */
    public static MetricsServer start(String host, int port, PrometheusRegistry registry, BooleanSupplier live,
            BooleanSupplier ready) throws IOException {
        HTTPServer server = HTTPServer.builder()
                .hostname(host)
                .port(port)
                .registry(registry)
                .metricsHandlerPath("/metrics")
                .defaultHandler(exchange -> {
                    switch (exchange.getRequestURI().getPath()) {
                        case "/healthz" -> answer(exchange, live.getAsBoolean());
                        case "/readyz" -> answer(exchange, ready.getAsBoolean());
                        default -> reply(exchange, 404, "not found: try /metrics, /healthz or /readyz\n");
                    }
                })
                .buildAndStart();
        return new MetricsServer(server);
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.close();
    }

    private static void answer(HttpExchange exchange, boolean ok) throws IOException {
        reply(exchange, ok ? 200 : 503, ok ? "ok\n" : "not ready\n");
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
