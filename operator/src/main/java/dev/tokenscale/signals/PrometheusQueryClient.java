package dev.tokenscale.signals;

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
import java.security.GeneralSecurityException;
import java.time.Duration;
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
    private final long maxResponseBytes;

    private PrometheusQueryClient(PrometheusConnection connection, HttpClient http, URI queryUri, long maxResponseBytes) {
        this.connection = connection;
        this.http = http;
        this.queryUri = queryUri;
        this.maxResponseBytes = maxResponseBytes;
    }

    /**
     * @param connection only its transport is used here (URL, timeout, trust); credentials come with each query
     * @param maxResponseBytes the most one answer may hold; a longer one is abandoned as it streams in
     * @throws IllegalArgumentException for settings that can never work (bad scheme, no host)
     * @throws GeneralSecurityException if the CA bundle holds no usable certificate
     */
    static PrometheusQueryClient connect(PrometheusConnection connection, long maxResponseBytes) throws GeneralSecurityException {
        URI url = connection.url();
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("url must start with http:// or https://, got " + connection.displayUrl());
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException("url has no host: " + connection.displayUrl());
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("url must not carry credentials (" + connection.displayUrl()
                    + "); use basic auth from a Secret");
        }
        if (connection.timeout().isNegative() || connection.timeout().isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + connection.timeout());
        }
        if (maxResponseBytes < 1) {
            throw new IllegalArgumentException("the answer cap must be positive, got " + maxResponseBytes);
        }
        HttpClient http = HttpClient.newBuilder()
                // Prometheus speaks HTTP/1.1; asking for h2c upgrades only adds a round of headers.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connection.timeout())
                .sslContext(TlsTrust.sslContext(connection.caPem(), connection.insecureSkipVerify()))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String base = url.toString().endsWith("/") ? url.toString() : url + "/";
        return new PrometheusQueryClient(connection, http, URI.create(base).resolve("api/v1/query"), maxResponseBytes);
    }

    PrometheusConnection connection() {
        return connection;
    }

    CompletableFuture<QueryResult> query(String promql, Duration budget, PrometheusAuth auth) {
        return send(queryUri, queryForm(promql), budget, auth, CappedBody.parsed(PrometheusResponse::parse, maxResponseBytes), maxResponseBytes);
    }

    /** A query whose answer may hold many series, each kept with its labels. */
    CompletableFuture<QueryResult> queryVector(String promql, Duration budget, PrometheusAuth auth) {
        return queryVector(promql, budget, auth, maxResponseBytes);
    }

    /**
     * {@code /api/v1/query_range}: the query's one series from {@code start} to {@code end} every
     * {@code step}, within the same answer cap and time budget as an instant query.
     */
    CompletableFuture<QueryResult> queryRange(String promql, java.time.Instant start, java.time.Instant end, Duration step,
            Duration budget, PrometheusAuth auth) {
        String form = queryForm(promql) + "&start=" + start.getEpochSecond()
                + "&end=" + end.getEpochSecond() + "&step=" + step.toSeconds();
        return send(queryUri.resolve("query_range"), form, budget, auth, CappedBody.parsed(PrometheusResponse::parseRange, maxResponseBytes),
                maxResponseBytes);
    }

    /**
     * A vector query for a batch of pools, whose answer may be as large as each pool's own answers
     * together: {@code cap} bytes instead of the client's per-query cap.
     */
    CompletableFuture<QueryResult> queryVector(String promql, Duration budget, PrometheusAuth auth, long cap) {
        return send(queryUri, queryForm(promql), budget, auth, StreamedVectorBody.handler(cap), cap);
    }

    private static String queryForm(String promql) {
        return "query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8);
    }

    private CompletableFuture<QueryResult> send(URI uri, String form, Duration budget, PrometheusAuth auth,
            HttpResponse.BodyHandler<QueryResult> answer, long cap) {
        if (budget.isNegative() || budget.isZero()) {
            return CompletableFuture.completedFuture(timedOut());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(budget)
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        auth.header().ifPresent(value -> request.header("Authorization", value));
        CompletableFuture<HttpResponse<QueryResult>> exchange = http.sendAsync(request.build(), answer);
        // HttpRequest.timeout ends when the headers arrive; this bounds a body that trickles or stalls too.
        return exchange
                .orTimeout(budget.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .handle((response, error) -> {
                    if (error == null) {
                        return response.body();
                    }
                    exchange.cancel(true);
                    return classify(error, cap);
                });
    }

    private QueryResult classify(Throwable error, long cap) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (causedBy(cause, CappedBody.TooLarge.class)) {
            return new QueryResult.Failed(QueryFailure.MALFORMED_ANSWER, "the answer from " + connection.displayUrl()
                    + " exceeded the cap of " + cap + " bytes (--prometheus-max-response-bytes); it was abandoned unread");
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return new QueryResult.Failed(QueryFailure.TIMEOUT, "no connection to " + connection.displayUrl()
                    + " within " + connection.timeout().toMillis() + " ms");
        }
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return timedOut();
        }
        if (causedBy(cause, ConnectException.class)) {
            return new QueryResult.Failed(QueryFailure.UNREACHABLE, "cannot connect to " + connection.displayUrl()
                    + " (connection refused)");
        }
        if (causedBy(cause, UnknownHostException.class)) {
            return new QueryResult.Failed(QueryFailure.UNREACHABLE, "unknown host " + connection.url().getHost());
        }
        if (causedBy(cause, SSLException.class)) {
            return new QueryResult.Failed(QueryFailure.UNREACHABLE, "TLS with " + connection.displayUrl() + " failed: "
                    + rootMessage(cause) + " (set tls.ca to the CA that signed Prometheus' certificate)");
        }
        return new QueryResult.Failed(QueryFailure.UNREACHABLE, "request to " + connection.displayUrl() + " failed: "
                + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage()));
    }

    private QueryResult timedOut() {
        return new QueryResult.Failed(QueryFailure.TIMEOUT, "no answer from " + connection.displayUrl() + " within "
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
