package dev.tokenscale.signals;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import javax.net.ssl.SSLException;

/**
 * Instant queries against one Prometheus over its HTTP API. Every query is bounded by a time budget,
 * so a Prometheus that accepts connections and never answers costs at most that budget; every failure
 * comes back as a {@link QueryResult.Failed}, never as an exception.
 */
final class PrometheusQueryClient {

    private final PrometheusConnection connection;
    private final HttpClient http;
    private final URI queryUri;

    private PrometheusQueryClient(PrometheusConnection connection, HttpClient http, URI queryUri) {
        this.connection = connection;
        this.http = http;
        this.queryUri = queryUri;
    }

    /**
     * @throws IllegalArgumentException for settings that can never work (bad scheme, conflicting auth)
     * @throws IOException if the CA file cannot be read
     * @throws GeneralSecurityException if the CA file holds no usable certificate
     */
    static PrometheusQueryClient connect(PrometheusConnection connection) throws IOException, GeneralSecurityException {
        URI url = connection.url();
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("url must start with http:// or https://, got " + url);
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException("url has no host: " + url);
        }
        boolean basicAuth = connection.basicAuthUsername() != null || connection.basicAuthPasswordFile() != null;
        if (basicAuth && (connection.basicAuthUsername() == null || connection.basicAuthPasswordFile() == null)) {
            throw new IllegalArgumentException("basic auth needs both basicAuthUsername and basicAuthPasswordFile");
        }
        if (basicAuth && connection.bearerTokenFile() != null) {
            throw new IllegalArgumentException("set either bearerTokenFile or basic auth, not both");
        }
        if (connection.timeout().isNegative() || connection.timeout().isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + connection.timeout());
        }
        HttpClient http = HttpClient.newBuilder()
                // Prometheus speaks HTTP/1.1; asking for h2c upgrades only adds a round of headers.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connection.timeout())
                .sslContext(TlsTrust.sslContext(connection.caFile(), connection.insecureSkipVerify()))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String base = url.toString().endsWith("/") ? url.toString() : url + "/";
        return new PrometheusQueryClient(connection, http, URI.create(base).resolve("api/v1/query"));
    }

    PrometheusConnection connection() {
        return connection;
    }

    CompletableFuture<QueryResult> query(String promql, Duration budget) {
        return query(promql, budget, PrometheusResponse::parse);
    }

    /** A query whose answer may hold many series, each kept with its labels. */
    CompletableFuture<QueryResult> queryVector(String promql, Duration budget) {
        return query(promql, budget, PrometheusResponse::parseVector);
    }

    private CompletableFuture<QueryResult> query(String promql, Duration budget, BiFunction<Integer, String, QueryResult> parser) {
        if (budget.isNegative() || budget.isZero()) {
            return CompletableFuture.completedFuture(timedOut());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(queryUri)
                .timeout(budget)
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)));
        try {
            authorization().ifPresent(value -> request.header("Authorization", value));
        } catch (IOException e) {
            return CompletableFuture.completedFuture(new QueryResult.Failed(QueryFailure.BAD_SETTINGS, e.getMessage()));
        }
        CompletableFuture<HttpResponse<String>> exchange = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
        // HttpRequest.timeout ends when the headers arrive; this bounds a body that trickles or stalls too.
        return exchange
                .orTimeout(budget.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .handle((response, error) -> {
                    if (error == null) {
                        return parser.apply(response.statusCode(), response.body());
                    }
                    exchange.cancel(true);
                    return classify(error);
                });
    }

    /** Read on every query, so a rotated token or password works without a restart. */
    private Optional<String> authorization() throws IOException {
        if (connection.bearerTokenFile() != null) {
            String token = readSecret(connection.bearerTokenFile(), "bearerTokenFile").strip();
            return Optional.of("Bearer " + token);
        }
        if (connection.basicAuthUsername() != null) {
            String password = readSecret(connection.basicAuthPasswordFile(), "basicAuthPasswordFile")
                    .replaceFirst("\\r?\\n$", "");
            String pair = connection.basicAuthUsername() + ":" + password;
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return Optional.empty();
    }

    private static String readSecret(Path file, String field) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException("cannot read " + field + " " + file + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        }
    }

    private QueryResult classify(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return new QueryResult.Failed(QueryFailure.TIMEOUT, "no connection to " + connection.url()
                    + " within " + connection.timeout().toMillis() + " ms");
        }
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return timedOut();
        }
        if (causedBy(cause, ConnectException.class)) {
            return new QueryResult.Failed(QueryFailure.UNREACHABLE, "cannot connect to " + connection.url()
                    + " (connection refused)");
        }
        if (causedBy(cause, UnknownHostException.class)) {
            return new QueryResult.Failed(QueryFailure.UNREACHABLE, "unknown host " + connection.url().getHost());
        }
        if (causedBy(cause, SSLException.class)) {
            return new QueryResult.Failed(QueryFailure.UNREACHABLE, "TLS with " + connection.url() + " failed: "
                    + rootMessage(cause) + " (set caFile to the CA that signed Prometheus' certificate)");
        }
        return new QueryResult.Failed(QueryFailure.UNREACHABLE, "request to " + connection.url() + " failed: "
                + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage()));
    }

    private QueryResult timedOut() {
        return new QueryResult.Failed(QueryFailure.TIMEOUT, "no answer from " + connection.url() + " within "
                + connection.timeout().toMillis() + " ms");
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
