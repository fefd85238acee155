package dev.tokenscale.sim;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * One emulated engine replica: its own loopback port serving {@code /metrics}. Until it is ready it
 * answers 503, as a vLLM pod does while it loads its model, so Prometheus marks it down and it adds
 * no series.
 */
final class EmulatedWorker {

    private final int index;
    private final Instant readyAt;
    private final WorkerMetrics metrics;
    private final HttpServer server;

    /**
     * @param exposition the worker's current /metrics text, empty while it is starting
     */
    EmulatedWorker(int index, int port, Instant readyAt, WorkerMetrics metrics,
            Function<EmulatedWorker, Optional<String>> exposition) throws IOException {
        this.index = index;
        this.readyAt = readyAt;
        this.metrics = metrics;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/metrics", exchange -> {
            try (exchange) {
                Optional<String> text = exposition.apply(this);
                byte[] body = text.orElse("model is loading\n").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", MetricsExposition.CONTENT_TYPE);
                exchange.sendResponseHeaders(text.isPresent() ? 200 : 503, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
    }

    int index() {
        return index;
    }

    String name() {
        return "worker-" + index;
    }

    Instant readyAt() {
        return readyAt;
    }

    boolean servesAt(Instant instant) {
        return !readyAt.isAfter(instant);
    }

    WorkerMetrics metrics() {
        return metrics;
    }

    URI metricsUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/metrics");
    }

    /** Closes the port at once, so Prometheus sees the target vanish as it would a deleted pod. */
    void stop() {
        server.stop(0);
    }
}
