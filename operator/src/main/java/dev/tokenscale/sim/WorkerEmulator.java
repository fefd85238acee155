package dev.tokenscale.sim;

import dev.tokenscale.policy.Signal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pool of emulated vLLM (or SGLang) workers, each serving {@code /metrics} on its own loopback port
 * with the engine's metric names, {@code model_name} label and histogram buckets.
 *
 * <p>The numbers come from {@link LoadModel}, whose Javadoc holds the formulas (utilization,
 * backlog, P99 TTFT and TPOT, tokens/s), so the emulator and the simulator tell the same story. The
 * model is stepped lazily to the {@link Clock}'s time whenever a worker is scraped or a control is
 * used; each step gives every serving worker an even share of the served requests. Latency histograms
 * are filled from a {@link LatencyDistribution} whose P99 is the model's, so Prometheus'
 * {@code histogram_quantile} reads back the model's P99. Utilization is the same on every worker, the
 * backlog is split evenly, and tokens are counted per served request.
 *
 * <p>Replicas present at start serve at once; one added later serves after the cold start, counted
 * on the clock. A removed replica closes its port, so its series go stale like a deleted pod's.
 */
public final class WorkerEmulator implements AutoCloseable {

    private final EmulatorSettings settings;
    private final Clock clock;
    private final LoadModel model;
    private final List<EmulatedWorker> workers = new ArrayList<>();
    private final Map<Integer, Double> runningSetByHand = new HashMap<>();
    private double arrivalRps;
    private Instant steppedTo;
    private LoadModel.Observation latest;
    private boolean closed;

    private WorkerEmulator(EmulatorSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.model = new LoadModel(settings.model());
        this.arrivalRps = settings.arrivalRps();
        this.steppedTo = clock.instant();
    }

    /** Starts the workers; close the emulator to free their ports. */
    public static WorkerEmulator start(EmulatorSettings settings, Clock clock) {
        WorkerEmulator emulator = new WorkerEmulator(settings, clock);
        try {
            synchronized (emulator) {
                for (int i = 0; i < settings.replicas(); i++) {
                    emulator.addWorker(emulator.steppedTo);
                }
                emulator.latest = emulator.model.step(emulator.arrivalRps, emulator.servingCount(), 0);
            }
        } catch (UncheckedIOException e) {
            emulator.close();
            throw e;
        }
        return emulator;
    }

    public EmulatorSettings settings() {
        return settings;
    }

    public synchronized List<WorkerEndpoint> workers() {
        advance();
        return workers.stream()
                .map(w -> new WorkerEndpoint(w.name(), w.metricsUrl(), w.servesAt(steppedTo)))
                .toList();
    }

    public synchronized double arrivalRps() {
        return arrivalRps;
    }

    public synchronized void setArrivalRps(double rps) {
        if (!(rps >= 0) || Double.isInfinite(rps)) {
            throw new IllegalArgumentException("rps must be a number >= 0, got " + rps);
        }
        advance();
        arrivalRps = rps;
        latest = model.step(arrivalRps, servingCount(), 0);
    }

    /**
     * Makes worker {@code index} report {@code requests} in flight instead of the model's share, so one
     * pod can look idle next to busy ones; null gives it back to the model.
     */
    public synchronized void setRunning(int index, Double requests) {
        if (requests == null) {
            runningSetByHand.remove(index);
            return;
        }
        if (!(requests >= 0) || Double.isInfinite(requests)) {
            throw new IllegalArgumentException("running requests must be a number >= 0, got " + requests);
        }
        runningSetByHand.put(index, requests);
    }

    /** Workers that exist, serving or still starting. */
    public synchronized int replicas() {
        return workers.size();
    }

    /**
     * Adds workers (each serving after the cold start) or removes the newest ones (their ports close
     * at once).
     */
    public void setReplicas(int replicas) {
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must be >= 0, got " + replicas);
        }
        List<EmulatedWorker> removed = new ArrayList<>();
        synchronized (this) {
            advance();
            while (workers.size() < replicas) {
                addWorker(steppedTo.plus(settings.coldStart()));
            }
            while (workers.size() > replicas) {
                removed.add(workers.remove(workers.size() - 1));
            }
            latest = model.step(arrivalRps, servingCount(), 0);
        }
        // Stopped outside the lock: a scrape in flight waits for the lock and must not block the stop.
        removed.forEach(EmulatedWorker::stop);
    }

    /** The model's figures now: what Prometheus should read back, once its window holds only this load. */
    public synchronized LoadModel.Observation truth() {
        advance();
        return latest;
    }

    /** {@link #truth()} in the signals' wire units: ms, percent, requests, tokens/s. */
    public synchronized Map<Signal, Double> trueSignals() {
        LoadModel.Observation now = truth();
        Map<Signal, Double> signals = new EnumMap<>(Signal.class);
        signals.put(Signal.TTFT_P99_MS, now.ttftP99Ms());
        signals.put(Signal.TPOT_P99_MS, now.tpotP99Ms());
        signals.put(Signal.UTILIZATION_PERCENT, now.utilization() * 100);
        signals.put(Signal.QUEUE_DEPTH, now.queueDepth());
        signals.put(Signal.TOKENS_PER_SECOND, now.tokensPerSecond());
        signals.put(Signal.REQUEST_RATE, now.arrivalRps());
        return signals;
    }

    @Override
    public void close() {
        List<EmulatedWorker> stopping;
        synchronized (this) {
            closed = true;
            stopping = new ArrayList<>(workers);
            workers.clear();
        }
        stopping.forEach(EmulatedWorker::stop);
    }

    private synchronized Optional<String> exposition(EmulatedWorker worker) {
        if (closed || !workers.contains(worker)) {
            return Optional.empty();
        }
        advance();
        if (!worker.servesAt(steppedTo)) {
            return Optional.empty();
        }
        double running = runningSetByHand.getOrDefault(worker.index(), worker.metrics().running());
        return Optional.of(MetricsExposition.render(worker.metrics(), settings.modelName(), running));
    }

    /** Steps the model up to the clock's now, splitting the interval where a starting worker turns ready. */
    private void advance() {
        Instant now = clock.instant();
        while (steppedTo.isBefore(now)) {
            Instant until = now;
            for (EmulatedWorker worker : workers) {
                if (worker.readyAt().isAfter(steppedTo) && worker.readyAt().isBefore(until)) {
                    until = worker.readyAt();
                }
            }
            double dtSeconds = Duration.between(steppedTo, until).toNanos() / 1e9;
            latest = model.step(arrivalRps, servingCount(), dtSeconds);
            for (EmulatedWorker worker : workers) {
                if (worker.servesAt(steppedTo)) {
                    worker.metrics().record(latest, dtSeconds, settings.model());
                }
            }
            steppedTo = until;
        }
    }

    private int servingCount() {
        return (int) workers.stream().filter(w -> w.servesAt(steppedTo)).count();
    }

    /** Workers are only ever added and removed at the end, so indices stay 0..n-1 and ports stay predictable. */
    private void addWorker(Instant readyAt) {
        int index = workers.size();
        int port = settings.firstPort() == 0 ? 0 : settings.firstPort() + index;
        try {
            workers.add(new EmulatedWorker(index, port, readyAt, new WorkerMetrics(settings.engine()), this::exposition));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + " for worker-" + index, e);
        }
    }
}
