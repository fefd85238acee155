package dev.tokenscale.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A hostile Prometheus on a loopback port: every query is answered with HTTP 200 and a body of
 * {@code bodyBytes} that looks like the start of a valid answer and goes on and on, streamed in
 * chunks without a Content-Length, so a client can only tell its size by reading it. It stops
 * writing when the client hangs up, and counts what it managed to send.
 */
public final class HugeAnswerServer implements AutoCloseable {

    private static final byte[] HEAD = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[".getBytes(StandardCharsets.US_ASCII);

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicInteger answersAbandoned = new AtomicInteger();

    public HugeAnswerServer(long bodyBytes) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) ' ');
        server.createContext("/api/v1/query", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(HEAD);
                long sent = HEAD.length;
                while (sent < bodyBytes) {
                    int n = (int) Math.min(chunk.length, bodyBytes - sent);
                    out.write(chunk, 0, n);
                    sent += n;
                    bytesSent.addAndGet(n);
                }
            } catch (IOException hungUp) {
                answersAbandoned.incrementAndGet();
            }
        });
        server.setExecutor(threads);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Body bytes written into sockets so far, over all answers. */
    public long bytesSent() {
        return bytesSent.get();
    }

    /** Answers the client stopped reading before their end. */
    public int answersAbandoned() {
        return answersAbandoned.get();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
