package dev.tokenscale.signals;

import dev.tokenscale.policy.MissingReason;
import dev.tokenscale.policy.PodCoverage;
import dev.tokenscale.policy.Signal;
import dev.tokenscale.policy.SignalSnapshot;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Reads a pool's signals from Prometheus' HTTP API ({@code /api/v1/query}) with the pool's preset.
 *
 * <p>All signals are queried in parallel, so one read costs at most the connection's timeout even
 * when Prometheus is down or never answers. Nothing here throws for a metrics fault and nothing
 * becomes zero: every signal comes back present, idle (a latency histogram that saw no request in the
 * window) or missing with a message {@code "<pool> <signal>: <detail>"}. The reading's reason
 * (no_series, nan, invalid_value, error, malformed) is not repeated in it, since every consumer prints the reason beside it; an
 * error's detail starts with its class ({@code "timeout: ..."}, {@code "unreachable: ..."}), which the
 * reason alone does not tell.
 */
public final class PrometheusSignalReader implements SignalReader {

    /** One answer of Prometheus' query API for one number is a few hundred bytes; 1 MiB is ample and bounded. */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 1L << 20;
    private static final String MODE = "pool";

    private final Clock clock;
    private final PresetCatalog presets;
    private final QueryListener listener;
    private final QueryClients clients;

    public PrometheusSignalReader(Clock clock) {
        this(clock, new PresetCatalog());
    }

    public PrometheusSignalReader(Clock clock, PresetCatalog presets) {
        this(clock, presets, DEFAULT_MAX_RESPONSE_BYTES);
    }

    /** @param maxResponseBytes the most one Prometheus answer may hold; a longer one makes its signal missing (malformed) */
    public PrometheusSignalReader(Clock clock, PresetCatalog presets, long maxResponseBytes) {
        this(clock, presets, maxResponseBytes, QueryListener.NONE);
    }

    /** @param listener told of every query sent */
    public PrometheusSignalReader(Clock clock, PresetCatalog presets, long maxResponseBytes, QueryListener listener) {
        if (maxResponseBytes < 1) {
            throw new IllegalArgumentException("the Prometheus answer cap must be at least 1 byte, got " + maxResponseBytes);
        }
        this.clock = clock;
        this.presets = presets;
        this.clients = new QueryClients(maxResponseBytes);
        this.listener = listener;
    }

    @Override
    public SignalReport read(SignalRequest request) {
        SignalSnapshot.Builder snapshot = SignalSnapshot.builder().observedAt(clock.instant());
        long startedNanos = System.nanoTime();
        Preset preset;
        String selector;
        PrometheusQueryClient client;
        try {
            preset = presets.resolve(request.preset(), request.customQueries(), request.customRunningRequests());
            selector = PromQlSelector.render(request.matchers());
        } catch (IllegalArgumentException e) {
            return SignalInterpretation.allMissing(request, snapshot, QueryFailure.BAD_QUERY, e.getMessage());
        }
        try {
            client = clientFor(request.connection());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return SignalInterpretation.allMissing(request, snapshot, QueryFailure.BAD_SETTINGS, e.getMessage());
        }
        Duration timeout = request.connection().timeout();
        PrometheusAuth auth = request.connection().auth();

        Map<Signal, String> queries = new EnumMap<>(Signal.class);
        Map<Signal, CompletableFuture<QueryResult>> answers = new EnumMap<>(Signal.class);
        for (Signal signal : Signal.values()) {
            if (preset.query(signal).isEmpty()) {
                snapshot.with(signal, SignalInterpretation.notConfigured(request, signal, preset));
                continue;
            }
            try {
                String promql = new QueryTemplate(preset.query(signal).get()).scoped(request.matchers(), request.window());
                queries.put(signal, promql);
                answers.put(signal, client.query(promql, timeout, auth));
                listener.sent(MODE, preset.name(), signal.key());
            } catch (IllegalArgumentException e) {
                snapshot.missing(signal, MissingReason.ERROR,
                        SignalInterpretation.message(request, signal, QueryFailure.BAD_QUERY.label(), e.getMessage()));
            }
        }

        CompletableFuture<QueryResult> perPod = null;
        if (preset.runningRequests().isPresent() && request.readyPods() != null) {
            try {
                perPod = client.queryVector(PerPodQuery.render(preset.runningRequests().get(), request.matchers(), request.window()),
                        timeout, auth);
                listener.sent(MODE, preset.name(), Preset.RUNNING_REQUESTS);
            } catch (IllegalArgumentException e) {
                perPod = CompletableFuture.completedFuture(new QueryResult.Failed(QueryFailure.BAD_QUERY,
                        "the preset's runningRequests template: " + e.getMessage()));
            }
        }

        Map<Signal, CompletableFuture<QueryResult>> idleChecks = new EnumMap<>(Signal.class);
        answers.forEach((signal, answer) -> {
            QueryResult result = settled(answer);
            if (SignalInterpretation.needsIdleCheck(signal, result, preset)) {
                // histogram_quantile is NaN when no request finished in the window; ask whether any arrived.
                Duration left = timeout.minusNanos(System.nanoTime() - startedNanos);
                idleChecks.put(signal, requestRate(client, auth, preset.requestRateQuery(signal).get(), request, left));
                listener.sent(MODE, preset.name(), signal.key() + PresetCatalog.REQUEST_RATE_SUFFIX);
            } else {
                snapshot.with(signal, SignalInterpretation.reading(request, signal, result, selector));
            }
        });
        idleChecks.forEach((signal, check) -> snapshot.with(signal, SignalInterpretation.idleOrBroken(request, signal, settled(check))));
        if (perPod == null) {
            snapshot.coverage(PodCoverage.notMeasured(request.readyPods() == null
                    ? "no pod list to compare with"
                    : "preset " + preset.name() + " has no " + Preset.RUNNING_REQUESTS + " series"));
            return new SignalReport(snapshot.build(), queries);
        }
        // A pod is fresh while its newest sample is inside the window the signals are computed over.
        PerPodQuery.Answer pods = PerPodQuery.interpret(settled(perPod), request.readyPods(), clock.instant(), request.window());
        snapshot.coverage(pods.coverage());
        return new SignalReport(snapshot.build(), queries, pods.runningRequests());
    }

    private static CompletableFuture<QueryResult> requestRate(PrometheusQueryClient client, PrometheusAuth auth, String template,
            SignalRequest request, Duration budget) {
        try {
            return client.query(new QueryTemplate(template).scoped(request.matchers(), request.window()), budget, auth);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new QueryResult.Failed(QueryFailure.BAD_QUERY,
                    "the preset's request-rate template: " + e.getMessage()));
        }
    }

    /**
     * The query's outcome. Every query is bounded by its timeout, so this never waits longer; an
     * unexpected fault while reading the answer still becomes a failure, not an exception out of read().
     */
    static QueryResult settled(CompletableFuture<QueryResult> answer) {
        try {
            return answer.join();
        } catch (CompletionException | CancellationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return new QueryResult.Failed(QueryFailure.MALFORMED_ANSWER, "could not read the answer: " + cause);
        }
    }

    /** The client for this connection's transport, shared by pools that differ only in credentials. */
    PrometheusQueryClient clientFor(PrometheusConnection connection) throws GeneralSecurityException {
        return clients.clientFor(connection);
    }
}
