package dev.tokenscale.signals;

import dev.tokenscale.policy.Signal;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * Reads a pool's demand history with {@code /api/v1/query_range}: the preset's requestsPerSecond
 * query with the pool's matchers injected, as every live query is, so a pool never reads another
 * namespace's series. The answer is bounded by the same byte cap as live answers (8 days at a
 * 5-minute step is 2,304 samples, about 80 KB), and the wait by the connection's timeout.
 */
public final class PrometheusHistoryReader implements HistoryReader {

    private final PresetCatalog presets;
    private final QueryClients clients;

    public PrometheusHistoryReader() {
        this(new PresetCatalog(), PrometheusSignalReader.DEFAULT_MAX_RESPONSE_BYTES);
    }

    /** @param maxResponseBytes the most one answer may hold; a longer one is abandoned and the history is not read */
    public PrometheusHistoryReader(PresetCatalog presets, long maxResponseBytes) {
        if (maxResponseBytes < 1) {
            throw new IllegalArgumentException("the Prometheus answer cap must be at least 1 byte, got " + maxResponseBytes);
        }
        this.presets = presets;
        this.clients = new QueryClients(maxResponseBytes);
    }

    @Override
    public DemandHistory read(SignalRequest request, Instant from, Instant to, Duration step) {
        String promql;
        try {
            Preset preset = presets.resolve(request.preset(), request.customQueries(), request.customRunningRequests());
            if (preset.query(Signal.REQUEST_RATE).isEmpty()) {
                return DemandHistory.failed("preset " + preset.name() + " has no " + Signal.REQUEST_RATE.key() + " query", null);
            }
            promql = new QueryTemplate(preset.query(Signal.REQUEST_RATE).get()).scoped(request.matchers(), request.window());
        } catch (IllegalArgumentException e) {
            return DemandHistory.failed(redacted(request, QueryFailure.BAD_QUERY.label() + ": " + e.getMessage()), null);
        }
        QueryResult answer;
        try {
            answer = clients.clientFor(request.connection())
                    .queryRange(promql, from, to, step, request.connection().timeout(), request.connection().auth())
                    .join();
        } catch (GeneralSecurityException | IllegalArgumentException | CompletionException e) {
            return DemandHistory.failed(redacted(request, QueryFailure.BAD_SETTINGS.label() + ": " + e.getMessage()), promql);
        }
        if (answer instanceof QueryResult.Failed failed) {
            return DemandHistory.failed(redacted(request, failed.failure().label() + ": " + failed.detail()), promql);
        }
        List<DemandHistory.Point> points = new ArrayList<>();
        if (answer instanceof QueryResult.Range range) {
            for (QueryResult.TimedValue sample : range.samples()) {
                // A missing or broken value is a gap, never a zero.
                if (Double.isFinite(sample.value()) && sample.value() >= 0) {
                    points.add(new DemandHistory.Point(Instant.ofEpochMilli(Math.round(sample.epochSeconds() * 1000)),
                            sample.value()));
                }
            }
        }
        return new DemandHistory(points, null, promql);
    }

    private static String redacted(SignalRequest request, String detail) {
        return Redaction.text(request.pool() + " " + Signal.REQUEST_RATE.key() + " history: " + detail,
                request.connection().auth().secrets());
    }
}
