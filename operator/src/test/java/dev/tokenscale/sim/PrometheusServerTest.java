package dev.tokenscale.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.tokenscale.testing.LoopbackPorts;
import dev.tokenscale.testing.PrometheusProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/** The real Prometheus binary, started on a port another process took between the probe and the bind. */
class PrometheusServerTest {

    private static final Duration READY = Duration.ofSeconds(60);
    private static final String CONFIG = PrometheusScrapeConfig.render("workers", Duration.ofSeconds(1), List.of());

    @Test
    void aPortTakenByAPlainListenerIsGivenUpForTheNextOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            IntSupplier ports = ports(taken.getLocalPort(), LoopbackPorts.free());

            try (PrometheusServer server = PrometheusServer.start(PrometheusProcess.BINARY, CONFIG, READY, data -> { }, ports)) {
                assertThat(server.url().getPort()).isNotEqualTo(taken.getLocalPort());
                assertThat(get(server.url().resolve("/api/v1/status/flags"))).contains("config.file");
            }
        }
    }

    @Test
    void anotherServerAnsweringReadyOnThePortIsNotMistakenForThisOne() throws Exception {
        HttpServer impostor = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        impostor.createContext("/", exchange -> {
            byte[] body = exchange.getRequestURI().getPath().equals("/api/v1/status/flags")
                    ? "{\"status\":\"success\",\"data\":{\"config.file\":\"/etc/prometheus/prometheus.yml\"}}"
                            .getBytes(StandardCharsets.UTF_8)
                    : "Prometheus Server is Ready.".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        impostor.start();
        try {
            int impostorPort = impostor.getAddress().getPort();

            try (PrometheusServer server = PrometheusServer.start(PrometheusProcess.BINARY, CONFIG, READY, data -> { },
                    ports(impostorPort, LoopbackPorts.free()))) {
                assertThat(server.url().getPort()).isNotEqualTo(impostorPort);
                assertThat(get(server.url().resolve("/api/v1/status/flags"))).contains("tokenscale-prometheus-")
                        .doesNotContain("/etc/prometheus/prometheus.yml");
            }
            assertThatThrownBy(() -> PrometheusServer.start(PrometheusProcess.BINARY, CONFIG, READY, data -> { },
                    () -> impostorPort))
                    .as("three attempts on a port that stays taken end with the reason: the impostor's answer, or"
                            + " Prometheus's own bind error when it exits before the impostor is asked")
                    .hasMessageContaining("127.0.0.1:" + impostorPort)
                    .hasMessageMatching("(?s).*(another server answers|address already in use).*");
        } finally {
            impostor.stop(0);
        }
    }

    private static IntSupplier ports(int... inOrder) {
        Deque<Integer> queue = new ArrayDeque<>();
        for (int port : inOrder) {
            queue.add(port);
        }
        return () -> queue.size() > 1 ? queue.poll() : queue.peek();
    }

    private static String get(URI uri) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
