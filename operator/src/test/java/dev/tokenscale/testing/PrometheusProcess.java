package dev.tokenscale.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenscale.sim.PrometheusScrapeConfig;
import dev.tokenscale.sim.PrometheusServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The real Prometheus server (Debian's {@code /usr/bin/prometheus}) for tests, started through
 * {@link PrometheusServer} with a 1 s scrape and evaluation interval and static targets with optional
 * extra labels such as namespace and pod (see {@link PrometheusScrapeConfig}), plus the query helpers
 * tests assert with. {@link #close()} stops it and deletes its folder.
 */
public final class PrometheusProcess implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/bin/prometheus");
    /** Ships in the same Debian package. */
    public static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final PrometheusServer server;

    private PrometheusProcess(PrometheusServer server) {
        this.server = server;
    }

    /** Starts Prometheus scraping {@code targets} every second and waits until it is ready. */
    public static PrometheusProcess start(List<PrometheusScrapeConfig.Target> targets) {
        return startWithConfig(PrometheusScrapeConfig.render("workers", Duration.ofSeconds(1), targets));
    }

    /** Starts Prometheus with a config of the caller's, e.g. the one {@code emulate} writes, and waits until it is ready. */
    public static PrometheusProcess startWithConfig(String configYaml) {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: run the README's test command, which installs "
                    + "Debian's prometheus package (apt-get install -y --no-install-recommends prometheus)");
        }
        return new PrometheusProcess(PrometheusServer.start(BINARY, configYaml, READY_TIMEOUT));
    }

    /**
     * Starts Prometheus with {@code configYaml} over a TSDB that already holds the samples of
     * {@code openMetrics} (OpenMetrics text with timestamps, ending in {@code # EOF}), turned into blocks
     * by {@code promtool tsdb create-blocks-from openmetrics} before Prometheus starts: days of history
     * in a second.
     */
    public static PrometheusProcess startWithHistory(String configYaml, String openMetrics) {
        if (!Files.isExecutable(BINARY) || !Files.isExecutable(PROMTOOL)) {
            throw new IllegalStateException(BINARY + " or " + PROMTOOL + " is missing: run the README's test command, which "
                    + "installs Debian's prometheus package (apt-get install -y --no-install-recommends prometheus)");
        }
        return new PrometheusProcess(PrometheusServer.start(BINARY, configYaml, READY_TIMEOUT, data -> backfill(data, openMetrics)));
    }

    private static void backfill(Path data, String openMetrics) {
        try {
            Path input = Files.createTempFile("tokenscale-history-", ".om");
            try {
                Files.writeString(input, openMetrics);
                Process promtool = new ProcessBuilder(PROMTOOL.toString(), "tsdb", "create-blocks-from", "openmetrics",
                        input.toString(), data.toString()).redirectErrorStream(true).start();
                String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!promtool.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || promtool.exitValue() != 0) {
                    promtool.destroyForcibly();
                    throw new IllegalStateException("promtool tsdb create-blocks-from openmetrics failed: " + output.strip());
                }
            } finally {
                Files.deleteIfExists(input);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The base URL of the HTTP API, e.g. http://127.0.0.1:41234. */
    public URI url() {
        return server.url();
    }

    /** The config this instance runs with, for printing or copying into docs. */
    public String config() {
        return server.config();
    }

    /** Scrapes these targets from now on, every second, as {@link #start} does; the others' series go stale at once. */
    public void scrapeOnly(List<PrometheusScrapeConfig.Target> targets) {
        server.reconfigure(PrometheusScrapeConfig.render("workers", Duration.ofSeconds(1), targets));
    }

    /** The value of an instant query that yields one series or a scalar; empty for no series. */
    public Optional<Double> queryValue(String promql) {
        JsonNode data = query(promql).path("data");
        JsonNode result = data.path("result");
        if ("scalar".equals(data.path("resultType").asText())) {
            return Optional.of(Double.parseDouble(result.get(1).asText()));
        }
        if (result.isEmpty()) {
            return Optional.empty();
        }
        if (result.size() > 1) {
            throw new IllegalStateException(promql + " returned " + result.size() + " series");
        }
        return Optional.of(Double.parseDouble(result.get(0).path("value").get(1).asText().replace("+Inf", "Infinity")));
    }

    /** The raw JSON answer of an instant query. */
    public JsonNode query(String promql) {
        URI uri = server.url().resolve("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(promql + ": HTTP " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until every target has been scraped successfully at least {@code samples} times within
     * {@code window}, so rate() and histogram_quantile() over that window see only steady load.
     */
    public void awaitFullWindow(Duration window, int samples, Duration atMost) {
        String promql = "min(count_over_time(up[" + window.toSeconds() + "s])) >= " + samples
                + " and min(min_over_time(up[" + window.toSeconds() + "s])) == 1";
        await("every target scraped " + samples + " times within " + window)
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> queryValue(promql).isPresent());
    }

    public String log() {
        return server.log();
    }

    @Override
    public void close() {
        server.close();
    }
}
