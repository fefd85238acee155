package dev.tokenscale.testing;

import dev.tokenscale.policy.MissingReason;
import dev.tokenscale.policy.PodCoverage;
import dev.tokenscale.policy.Signal;
import dev.tokenscale.policy.SignalReading;
import dev.tokenscale.policy.SignalSnapshot;
import dev.tokenscale.signals.SignalReader;
import dev.tokenscale.signals.SignalReport;
import dev.tokenscale.signals.SignalRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A metrics source a test sets by hand, per pool ("namespace/name"): each signal is present with a
 * value, idle, or missing. A pool nobody set has no series at all. It remembers every request, so
 * a test can check which series the operator asked for.
 */
public final class FakeSignalReader implements SignalReader {

    private final Clock clock;
    private final Map<String, PoolSignals> pools = new ConcurrentHashMap<>();
    private final List<SignalRequest> requests = new CopyOnWriteArrayList<>();

    public FakeSignalReader(Clock clock) {
        this.clock = clock;
    }

    /** The signals of one pool, to set. */
    public PoolSignals pool(String namespace, String name) {
        return pools.computeIfAbsent(namespace + "/" + name, k -> new PoolSignals());
    }

    public List<SignalRequest> requests() {
        return List.copyOf(requests);
    }

    public List<SignalRequest> requests(String namespace, String name) {
        return requests.stream().filter(r -> r.pool().equals(namespace + "/" + name)).toList();
    }

    @Override
    public SignalReport read(SignalRequest request) {
        requests.add(request);
        PoolSignals signals = pools.get(request.pool());
        if (signals == null) {
            return new SignalReport(new SignalSnapshot(Map.of(), clock.instant()), Map.of());
        }
        return signals.report(request, clock.instant());
    }

    /** One pool's readings; missing from the start. */
    public static final class PoolSignals {
        private final Map<Signal, SignalReading> readings = new EnumMap<>(Signal.class);
        private final Map<String, Double> running = new HashMap<>();
        private final Set<String> silent = new HashSet<>();
        private boolean perPod;

        /**
         * Reports requests in flight for this pod, and from then on measures coverage: every ready pod
         * of the request reports, except those marked {@link #silent}.
         */
        public synchronized PoolSignals running(String pod, double requests) {
            perPod = true;
            running.put(pod, requests);
            return this;
        }

        /** The pod reports nothing: it counts against coverage and has no running requests. */
        public synchronized PoolSignals silent(String pod) {
            perPod = true;
            silent.add(pod);
            return this;
        }

        synchronized SignalReport report(SignalRequest request, Instant now) {
            SignalSnapshot snapshot = new SignalSnapshot(snapshot(), now);
            if (!perPod || request.readyPods() == null) {
                return new SignalReport(snapshot, Map.of());
            }
            Map<String, Instant> sampled = new HashMap<>();
            Map<String, Double> reported = new HashMap<>();
            for (String pod : request.readyPods()) {
                if (!silent.contains(pod)) {
                    sampled.put(pod, now);
                    if (running.containsKey(pod)) {
                        reported.put(pod, running.get(pod));
                    }
                }
            }
            PodCoverage coverage = PodCoverage.measure(request.readyPods(), sampled, now, request.window());
            return new SignalReport(snapshot.withCoverage(coverage), Map.of(), reported);
        }

        /** Well inside the SLO and the utilization band. */
        public synchronized PoolSignals healthy() {
            return set(Signal.TTFT_P99_MS, 200).set(Signal.TPOT_P99_MS, 20).set(Signal.UTILIZATION_PERCENT, 55)
                    .set(Signal.QUEUE_DEPTH, 0).set(Signal.TOKENS_PER_SECOND, 1800);
        }

        public synchronized PoolSignals set(Signal signal, double value) {
            readings.put(signal, SignalReading.present(value));
            return this;
        }

        public synchronized PoolSignals idle(Signal signal) {
            readings.put(signal, SignalReading.idle());
            return this;
        }

        public synchronized PoolSignals missing(Signal signal, MissingReason reason, String detail) {
            readings.put(signal, SignalReading.missing(reason, detail));
            return this;
        }

        /** Every signal fails as if Prometheus were down. */
        public synchronized PoolSignals prometheusDown() {
            for (Signal s : Signal.values()) {
                missing(s, MissingReason.ERROR, "connection refused");
            }
            return this;
        }

        synchronized Map<Signal, SignalReading> snapshot() {
            return new EnumMap<>(readings);
        }
    }
}
