package dev.tokenscale.signals;

import dev.tokenscale.policy.Signal;
import dev.tokenscale.policy.SignalSnapshot;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads every pool's signals from batch queries: the pools that share a Prometheus connection
 * (credentials included), a preset and a window form a group, and each group sends one query per
 * signal (plus one for the per-pod running requests) for all its pools, which is then split per pool
 * in Java ({@link GroupAnswer}). A pool gets exactly what its own queries would give: the same
 * numbers, the same missing and idle readings, the same coverage.
 *
 * <p>Timing ({@link BatchGroup}): a pool reads the newest batch no older than its own evaluation
 * interval; a shared tick starts a group's next batch when the newest is about to be as old as the
 * shortest interval among its pools. The operator {@link #poll polls}: an evaluation never waits for
 * a batch, it is told when one that covers it lands. Queries are asynchronous and bounded by the
 * connection's timeout or, if longer, the group's shortest interval ({@link BatchGroup}), so a slow
 * Prometheus holds up only the pools of its own groups.
 *
 * <p>The {@code custom} preset, a preset whose PromQL does not split faithfully ({@link SplitQuery}),
 * and a selection a batch cannot split by ({@link PoolMembership}) are read per pool as before.
 */
public final class BatchedSignalReader implements SignalReader, AutoCloseable {

    /**
     * Fine enough that a batch starts within a quarter second of when it is due, and a pool that
     * found none fresh comes back soon after it lands; a tick only compares a few times per group.
     */
    public static final Duration DEFAULT_TICK = Duration.ofMillis(250);
    private static final String MODE = "batch";
    /** Any window renders the same shapes; one is needed to render a template when checking it splits. */
    private static final Duration CHECK_WINDOW = Duration.ofMinutes(1);

    private final Clock clock;
    private final PresetCatalog presets;
    private final long maxResponseBytes;
    private final QueryListener listener;
    private final PrometheusSignalReader perPool;
    private final Map<BatchKey, BatchGroup> groups = new ConcurrentHashMap<>();
    private final Map<String, Boolean> splittable = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker;
    private final Duration tick;

    /** A reader whose batches start only when a read needs one, or when a test calls {@link #tick()}. */
    public BatchedSignalReader(Clock clock, PresetCatalog presets, long maxResponseBytes, QueryListener listener) {
        this(clock, presets, maxResponseBytes, listener, null, DEFAULT_TICK);
    }

    private BatchedSignalReader(Clock clock, PresetCatalog presets, long maxResponseBytes, QueryListener listener,
            ScheduledExecutorService ticker, Duration tick) {
        this.clock = clock;
        this.presets = presets;
        this.maxResponseBytes = maxResponseBytes;
        this.listener = listener;
        this.perPool = new PrometheusSignalReader(clock, presets, maxResponseBytes, listener);
        this.ticker = ticker;
        this.tick = tick;
    }

    /** A reader whose shared tick runs every {@code tick} until {@link #close()}. */
    public static BatchedSignalReader start(Clock clock, PresetCatalog presets, long maxResponseBytes, QueryListener listener,
            Duration tick) {
        if (tick.isNegative() || tick.isZero()) {
            throw new IllegalArgumentException("the batch tick must be positive, got " + tick);
        }
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tokenscale-signal-batches");
            thread.setDaemon(true);
            return thread;
        });
        BatchedSignalReader reader = new BatchedSignalReader(clock, presets, maxResponseBytes, listener, ticker, tick);
        ticker.scheduleWithFixedDelay(reader::tick, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
        return reader;
    }

    /** A read that takes no earlier batch: it joins the one in flight or starts one. */
    @Override
    public SignalReport read(SignalRequest request) {
        return read(request, Duration.ZERO);
    }

    /** A read that waits for its batch: for tools that read a pool now and then, never for the operator's evaluations. */
    @Override
    public SignalReport read(SignalRequest request, Duration maxAge) {
        Optional<Batched> batched = batched(request);
        if (batched.isEmpty()) {
            return perPool.read(request);
        }
        PoolMembership membership = batched.get().membership();
        CompletableFuture<GroupAnswer> answer = batched.get().group().answerFor(request.pool(), membership, maxAge);
        Duration wait = longestWait(request);
        try {
            return answer.get(wait.toMillis(), TimeUnit.MILLISECONDS).reportFor(request, membership);
        } catch (TimeoutException e) {
            return noAnswer(request, wait);
        } catch (ExecutionException e) {
            return SignalInterpretation.allMissing(request, SignalSnapshot.builder().observedAt(clock.instant()),
                    QueryFailure.MALFORMED_ANSWER, "could not read the batch answer: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SignalInterpretation.allMissing(request, SignalSnapshot.builder().observedAt(clock.instant()), QueryFailure.TIMEOUT,
                    "interrupted while waiting for the batch answer");
        }
    }

    /**
     * The operator's read: the pool's share of the newest batch no older than {@code maxAge}, or
     * pending until the batch that brings it lands. A pool that has waited longer than batches can
     * take (the one in flight, then its own) gets every signal missing, as a blocking read would
     * have, and keeps its place for the batch to come.
     */
    @Override
    public SignalPoll poll(SignalRequest request, Duration maxAge) {
        Optional<Batched> batched = batched(request);
        if (batched.isEmpty()) {
            return new SignalPoll.Ready(perPool.read(request));
        }
        PoolMembership membership = batched.get().membership();
        BatchGroup.Polled polled = batched.get().group().poll(request.pool(), membership, maxAge, tick);
        if (polled.answer() != null) {
            return new SignalPoll.Ready(polled.answer().reportFor(request, membership));
        }
        if (polled.waited().compareTo(polled.longestWait()) > 0) {
            return new SignalPoll.Ready(noAnswer(request, polled.longestWait()));
        }
        return new SignalPoll.Pending(polled.landing(), polled.retryAfter(), "the batch for " + request.preset() + " at "
                + request.connection().displayUrl() + " that covers " + request.pool() + " has not landed yet");
    }

    /** A pool's group, when its reads can share batches. */
    private record Batched(BatchGroup group, PoolMembership membership) {}

    private Optional<Batched> batched(SignalRequest request) {
        Optional<PoolMembership> membership = PoolMembership.of(request.matchers());
        if (PresetCatalog.CUSTOM.equals(request.preset()) || membership.isEmpty() || !splits(request.preset())) {
            return Optional.empty();
        }
        try {
            PromQlSelector.render(request.matchers());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        BatchKey key = BatchKey.of(request);
        BatchGroup group = groups.computeIfAbsent(key, k -> new BatchGroup(
                (namespaces, labels, at, budget) -> run(k, namespaces, labels, at, budget), clock, k.connection().timeout()));
        return Optional.of(new Batched(group, membership.get()));
    }

    /**
     * A tool's read waits as long as a pool's own queries could take: for the batch in flight and
     * then its own, a timeout each, and a little for the split.
     */
    private static Duration longestWait(SignalRequest request) {
        return request.connection().timeout().multipliedBy(2).plusSeconds(1);
    }

    private SignalReport noAnswer(SignalRequest request, Duration wait) {
        return SignalInterpretation.allMissing(request, SignalSnapshot.builder().observedAt(clock.instant()), QueryFailure.TIMEOUT,
                "no batch answer from " + request.connection().displayUrl() + " within " + wait.toMillis() + " ms");
    }

    /** The shared tick: every group starts its next batch when due; groups nobody reads any more are dropped. */
    public void tick() {
        groups.values().forEach(BatchGroup::tick);
        groups.values().removeIf(BatchGroup::abandoned);
    }

    /** How many pools read from batches now, over all groups; for logs and benchmarks. */
    public int batchedPools() {
        return groups.values().stream().mapToInt(BatchGroup::pools).sum();
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }

    /** Whether every query of the preset splits, so its pools can share batches; decided once per preset. */
    private boolean splits(String presetName) {
        return splittable.computeIfAbsent(presetName, name -> {
            Preset preset;
            try {
                preset = presets.resolve(name, Map.of());
            } catch (IllegalArgumentException e) {
                return false;
            }
            for (Signal signal : Signal.values()) {
                if (preset.query(signal).isPresent() && !BatchQuery.splits(preset.query(signal).get(), CHECK_WINDOW)
                        || preset.requestRateQuery(signal).isPresent() && !BatchQuery.splits(preset.requestRateQuery(signal).get(), CHECK_WINDOW)) {
                    return false;
                }
            }
            try {
                return preset.runningRequests().isEmpty()
                        || PerPodQuery.renderBatch(preset.runningRequests().get(), CHECK_WINDOW, List.of("batch-check"), List.of()).isPresent();
            } catch (IllegalArgumentException e) {
                return false;
            }
        });
    }

    private CompletableFuture<GroupAnswer> run(BatchKey key, Set<String> namespaces, Set<String> labels, Instant at, Duration budget) {
        Preset preset = presets.resolve(key.preset(), Map.of());
        PrometheusQueryClient client;
        try {
            client = perPool.clientFor(key.connection());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new GroupAnswer(at, namespaces, labels, preset, key.window(), Map.of(), null,
                    new QueryResult.Failed(QueryFailure.BAD_SETTINGS, e.getMessage())));
        }
        PrometheusAuth auth = key.connection().auth();
        Map<Signal, BatchQuery> queries = new EnumMap<>(Signal.class);
        // What each part asks (a signal's key, runningRequests), to send; parts refused here fail at once.
        Map<String, String> toSend = new LinkedHashMap<>();
        Map<String, CompletableFuture<QueryResult>> answers = new HashMap<>();
        for (Signal signal : Signal.values()) {
            if (preset.query(signal).isEmpty()) {
                continue;
            }
            Optional<BatchQuery> query;
            try {
                query = BatchQuery.compose(preset.query(signal).get(), preset.requestRateQuery(signal).orElse(null), key.window(),
                        namespaces, labels);
            } catch (IllegalArgumentException e) {
                answers.put(signal.key(), failed(QueryFailure.BAD_QUERY, e.getMessage()));
                continue;
            }
            if (query.isEmpty()) {
                answers.put(signal.key(), failed(QueryFailure.BAD_QUERY, "the preset's query does not split per pool"));
                continue;
            }
            queries.put(signal, query.get());
            toSend.put(signal.key(), query.get().promql());
        }
        if (preset.runningRequests().isPresent()) {
            try {
                Optional<String> promql = PerPodQuery.renderBatch(preset.runningRequests().get(), key.window(), namespaces, labels);
                if (promql.isEmpty()) {
                    answers.put(Preset.RUNNING_REQUESTS, failed(QueryFailure.BAD_QUERY,
                            "the preset's runningRequests template does not split per pool"));
                } else {
                    toSend.put(Preset.RUNNING_REQUESTS, promql.get());
                }
            } catch (IllegalArgumentException e) {
                answers.put(Preset.RUNNING_REQUESTS, failed(QueryFailure.BAD_QUERY, "the preset's runningRequests template: " + e.getMessage()));
            }
        }
        answers.putAll(send(toSend, preset.name(), namespaces, new Transport(client, budget, auth, answerCap())));
        return CompletableFuture.allOf(answers.values().toArray(CompletableFuture[]::new)).handle((done, error) -> {
            Map<Signal, GroupAnswer.Part> parts = new EnumMap<>(Signal.class);
            for (Signal signal : Signal.values()) {
                CompletableFuture<QueryResult> answer = answers.get(signal.key());
                if (answer != null) {
                    parts.put(signal, GroupAnswer.Part.of(queries.get(signal), PrometheusSignalReader.settled(answer)));
                }
            }
            CompletableFuture<QueryResult> perPod = answers.get(Preset.RUNNING_REQUESTS);
            GroupAnswer.Part runningPart = perPod == null ? null : GroupAnswer.Part.of(null, PrometheusSignalReader.settled(perPod));
            return new GroupAnswer(at, namespaces, labels, preset, key.window(), parts, runningPart, null);
        });
    }

    /** How a group's queries reach its Prometheus. */
    private record Transport(PrometheusQueryClient client, Duration timeout, PrometheusAuth auth, long cap) {
        CompletableFuture<QueryResult> query(String promql) {
            return client.queryVector(promql, timeout, auth, cap);
        }
    }

    /**
     * Sends a batch's parts: those over a window one query each, the instant ones (gauges) as one
     * {@link MergedQuery}, so a group costs one query fewer per instant part beyond the first.
     */
    private Map<String, CompletableFuture<QueryResult>> send(Map<String, String> parts, String preset, Set<String> namespaces,
            Transport transport) {
        Map<String, CompletableFuture<QueryResult>> answers = new HashMap<>();
        Map<String, String> instant = new LinkedHashMap<>();
        parts.forEach((kind, promql) -> {
            if (MergedQuery.instant(promql)) {
                instant.put(kind, promql);
            } else {
                answers.put(kind, transport.query(promql));
                listener.sent(MODE, preset, kind);
            }
        });
        if (instant.size() == 1) {
            instant.forEach((kind, promql) -> {
                answers.put(kind, transport.query(promql));
                listener.sent(MODE, preset, kind);
            });
        } else if (instant.size() > 1) {
            CompletableFuture<Map<String, QueryResult>> merged;
            try {
                String promql = MergedQuery.promql(instant, namespaces);
                merged = transport.query(promql).thenApply(answer -> MergedQuery.split(answer, instant.keySet()));
                listener.sent(MODE, preset, String.join(MergedQuery.JOIN, instant.keySet()));
            } catch (IllegalArgumentException e) {
                merged = CompletableFuture.completedFuture(MergedQuery.split(
                        new QueryResult.Failed(QueryFailure.BAD_QUERY, "the merged query: " + e.getMessage()), instant.keySet()));
            }
            for (String kind : instant.keySet()) {
                answers.put(kind, merged.thenApply(byKind -> byKind.get(kind)));
            }
        }
        return answers;
    }

    /**
     * The most one batch answer may hold: an eighth of the heap, and never less than one pool's own
     * cap. Not a share per pool: a batch reads whole namespaces, so its answer grows with the pools in
     * them, including pools whose first read is yet to come (a group's first batches are planned for
     * the few pools that read first). A namespace exporting series without bound fails its group's
     * signal (missing, malformed) rather than the operator.
     */
    long answerCap() {
        return Math.max(maxResponseBytes, Runtime.getRuntime().maxMemory() / 8);
    }

    private static CompletableFuture<QueryResult> failed(QueryFailure failure, String detail) {
        return CompletableFuture.completedFuture(new QueryResult.Failed(failure, detail));
    }
}
