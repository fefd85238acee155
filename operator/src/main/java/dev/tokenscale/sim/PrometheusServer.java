package dev.tokenscale.sim;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus server scraping emulated workers: the given binary on a free 127.0.0.1 port, with
 * its own config ({@link PrometheusScrapeConfig}) and a temporary data folder that {@link #close()}
 * deletes. {@code demo} runs one when {@code prometheus} is on the PATH; the metrics tests run one too.
 */
public final class PrometheusServer implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final int BIND_ATTEMPTS = 3;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path directory;
    private final URI url;

    private PrometheusServer(Process process, Path directory, URI url) {
        this.process = process;
        this.directory = directory;
        this.url = url;
    }

    /** The first executable {@code prometheus} on the PATH, as a shell would find it. */
    public static Optional<Path> findOnPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "prometheus"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /**
     * Starts Prometheus scraping {@code targets} every {@code scrapeInterval} and waits until it
     * answers ready.
     *
     * @throws IllegalStateException when it exits or is not ready in time; its log is in the message
     */
    public static PrometheusServer start(Path binary, List<PrometheusScrapeConfig.Target> targets,
            Duration scrapeInterval, Duration readyTimeout) {
        return start(binary, PrometheusScrapeConfig.render("workers", scrapeInterval, targets), readyTimeout);
    }

    /** Starts Prometheus with the caller's {@code prometheus.yml} and waits until it answers ready. */
    public static PrometheusServer start(Path binary, String configYaml, Duration readyTimeout) {
        return start(binary, configYaml, readyTimeout, data -> { });
    }

    /**
     * As {@link #start(Path, String, Duration)}, after {@code prepareData} has filled the (empty)
     * TSDB directory, e.g. with blocks {@code promtool tsdb create-blocks-from} wrote: history
     * without waiting for it.
     */
    public static PrometheusServer start(Path binary, String configYaml, Duration readyTimeout,
            java.util.function.Consumer<Path> prepareData) {
        return start(binary, configYaml, readyTimeout, prepareData, PrometheusServer::freeLoopbackPort);
    }

    /** @param ports the loopback port to try on each attempt; tests hand it one that is taken */
    static PrometheusServer start(Path binary, String configYaml, Duration readyTimeout,
            java.util.function.Consumer<Path> prepareData, java.util.function.IntSupplier ports) {
        Path directory;
        try {
            directory = Files.createTempDirectory("tokenscale-prometheus-");
            Files.writeString(directory.resolve("prometheus.yml"), configYaml);
            Files.createDirectories(directory.resolve("data"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            prepareData.accept(directory.resolve("data"));
        } catch (RuntimeException e) {
            deleteRecursively(directory);
            throw e;
        }
        // The free port is probed before Prometheus binds it, so another process can take it between
        // the two; Prometheus then exits on the bind, and the next attempt probes another port.
        for (int attempt = 1; ; attempt++) {
            int port = ports.getAsInt();
            PrometheusServer server = launch(binary, directory, URI.create("http://127.0.0.1:" + port));
            try {
                server.awaitReady(readyTimeout);
                return server;
            } catch (RuntimeException e) {
                server.stop();
                if (attempt < BIND_ATTEMPTS && server.lostItsPort(e)) {
                    continue;
                }
                deleteRecursively(directory);
                throw e;
            }
        }
    }

    private static PrometheusServer launch(Path binary, Path directory, URI url) {
        try {
            Process process = new ProcessBuilder(binary.toString(),
                    "--config.file=" + directory.resolve("prometheus.yml"),
                    "--storage.tsdb.path=" + directory.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + url.getPort(),
                    // POST /-/reload applies a changed config without a restart; loopback only.
                    "--web.enable-lifecycle",
                    "--log.level=warn")
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("prometheus.log").toFile())
                    .start();
            return new PrometheusServer(process, directory, url);
        } catch (IOException e) {
            deleteRecursively(directory);
            throw new UncheckedIOException("cannot start " + binary, e);
        }
    }

    private boolean lostItsPort(RuntimeException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PortTaken) {
                return true;
            }
        }
        return log().contains("address already in use");
    }

    /** Another server answers on the port this one was to bind. */
    private static final class PortTaken extends IllegalStateException {
        PortTaken(String message) {
            super(message);
        }
    }

    /** The base URL of the HTTP API, e.g. http://127.0.0.1:41234. */
    public URI url() {
        return url;
    }

    /** The config this instance runs with. */
    public String config() {
        try {
            return Files.readString(directory.resolve("prometheus.yml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Replaces the config and has Prometheus apply it ({@code POST /-/reload}). A target that is gone
     * from the new config gets staleness markers, so its series vanish from queries at once, as when a
     * scrape stops.
     *
     * @throws IllegalStateException when Prometheus refuses the config; its answer is in the message
     */
    public void reconfigure(String configYaml) {
        try {
            Files.writeString(directory.resolve("prometheus.yml"), configYaml);
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url.resolve("/-/reload"))
                    .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Prometheus refused the new config: HTTP " + response.statusCode() + " "
                        + response.body().strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reload Prometheus at " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reloading Prometheus", e);
        }
    }

    public String log() {
        try {
            return Files.readString(directory.resolve("prometheus.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        stop();
        deleteRecursively(directory);
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Gives up at once when the process dies, with its log. */
    private void awaitReady(Duration timeout) {
        try {
            PollUntil.ready("Prometheus ready at " + url, POLL, timeout, () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Prometheus exited with " + process.exitValue() + ": " + log().strip());
                }
                return answersReady();
            });
        } catch (IllegalStateException e) {
            throw process.isAlive() ? new IllegalStateException(e.getMessage() + ": " + log().strip(), e) : e;
        }
    }

    /**
     * Ready, and ours: another Prometheus that took the port after it was probed answers ready too,
     * but its flags name another config file.
     */
    private boolean answersReady() {
        try {
            HttpResponse<Void> ready = HTTP.send(HttpRequest.newBuilder(url.resolve("/-/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            if (ready.statusCode() != 200) {
                return false;
            }
            HttpResponse<String> flags = HTTP.send(HttpRequest.newBuilder(url.resolve("/api/v1/status/flags"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            if (flags.statusCode() == 200 && !flags.body().contains(directory.resolve("prometheus.yml").toString())) {
                throw new PortTaken("another server answers at " + url + ", not the Prometheus started there");
            }
            return flags.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }
}
