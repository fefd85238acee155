package dev.tokenscale.testing;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * A hand-written stand-in for Prometheus' {@code /api/v1/query} on a free loopback port: it answers
 * each query with whatever the test's responder returns and records what it was asked, so status
 * codes, error bodies and auth headers can be tested without the real server.
 */
public final class FakePrometheusServer implements AutoCloseable {

    /** One HTTP answer. */
    public record Answer(int status, String body) {

        public static Answer value(double value) {
            return new Answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":"
                    + "[{\"metric\":{},\"value\":[1700000000.123,\"" + format(value) + "\"]}]}}");
        }

        public static Answer noSeries() {
            return new Answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}");
        }

        public static Answer error(int status, String errorType, String error) {
            return new Answer(status, "{\"status\":\"error\",\"errorType\":\"" + errorType + "\",\"error\":\""
                    + error.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
        }

        private static String format(double value) {
            if (Double.isNaN(value)) {
                return "NaN";
            }
            if (Double.isInfinite(value)) {
                return value > 0 ? "+Inf" : "-Inf";
            }
            return String.format(Locale.ROOT, "%s", value);
        }
    }

    /** What one request carried. */
    public record Received(String query, String authorization) {}

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Function<String, Answer> responder;

    private final String scheme;

    private FakePrometheusServer(Function<String, Answer> responder, SSLContext tls) throws IOException {
        this.responder = responder;
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (tls == null) {
            server = HttpServer.create(loopback, 0);
            scheme = "http";
        } else {
            HttpsServer https = HttpsServer.create(loopback, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
            scheme = "https";
        }
        server.createContext("/api/v1/query", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String query = form.startsWith("query=") ? URLDecoder.decode(form.substring(6), StandardCharsets.UTF_8) : "";
            received.add(new Received(query, exchange.getRequestHeaders().getFirst("Authorization")));
            Answer answer = this.responder.apply(query);
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    public static FakePrometheusServer answering(Function<String, Answer> responder) {
        return start(responder, null);
    }

    /** The same over https with the server certificate of {@code tls}. */
    public static FakePrometheusServer answeringOverTls(SSLContext tls, Function<String, Answer> responder) {
        return start(responder, tls);
    }

    private static FakePrometheusServer start(Function<String, Answer> responder, SSLContext tls) {
        try {
            return new FakePrometheusServer(responder, tls);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void respondWith(Function<String, Answer> responder) {
        this.responder = responder;
    }

    public URI url() {
        return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
