package dev.tokenscale.sim;

/**
 * A small queueing model of an LLM serving pool, shared by the worker emulator and the simulator so
 * both tell the same story.
 *
 * <p>Each serving replica completes up to {@code capacityRpsPerReplica} requests per second. With
 * arrivals λ and capacity μ = replicas × capacityRpsPerReplica:
 * <ul>
 *   <li>utilization ρ = min(λ / μ, 1); reported by vLLM-like engines as KV-cache usage;</li>
 *   <li>served = min(λ, μ) plus whatever the backlog lets through; the backlog grows by (λ − μ)·dt
 *       beyond capacity and drains at (μ − λ)·dt once capacity returns;</li>
 *   <li>P99 TTFT = baseTtft / (1 − min(ρ, 0.95)) + backlog / μ: latency climbs like an M/M/1 queue's
 *       as the engine's batch fills, then every queued request adds its wait;</li>
 *   <li>P99 TPOT = baseTpot × (1 + 0.5 · ρ / (1 − min(ρ, 0.95))): decode slows as batches grow, but
 *       less steeply than prefill waits;</li>
 *   <li>tokens/s = served × outputTokensPerRequest.</li>
 * </ul>
 * With no serving replica nothing is served, the backlog grows, and latency is reported as
 * {@link #UNSERVED_LATENCY_MS}. Not thread-safe: one instance per pool, stepped by one thread.
 */
public final class LoadModel {

    /** What a request that cannot be served at all is reported to wait: one minute. */
    public static final double UNSERVED_LATENCY_MS = 60_000;

    private static final double RHO_CAP = 0.95;

    private final Params params;
    private double backlog;

    public LoadModel(Params params) {
        this.params = params;
    }

    /**
     * @param capacityRpsPerReplica requests per second one replica serves at full utilization
     * @param baseTtftMs P99 time to first token of an idle replica
     * @param baseTpotMs P99 time per output token of an idle replica
     * @param outputTokensPerRequest average generated tokens per request
     */
    public record Params(double capacityRpsPerReplica, double baseTtftMs, double baseTpotMs, double outputTokensPerRequest) {
        public Params {
            if (!(capacityRpsPerReplica > 0)) {
                throw new IllegalArgumentException("capacityRpsPerReplica must be > 0, got " + capacityRpsPerReplica);
            }
            if (!(baseTtftMs > 0) || !(baseTpotMs > 0)) {
                throw new IllegalArgumentException("base latencies must be > 0");
            }
            if (!(outputTokensPerRequest > 0)) {
                throw new IllegalArgumentException("outputTokensPerRequest must be > 0, got " + outputTokensPerRequest);
            }
        }

        /** The seed's 20 rps per replica, with latencies typical of a 70B model at moderate batch. */
        public static Params seedDefaults() {
            return new Params(20, 150, 20, 200);
        }
    }

    /**
     * The pool as it is after one step.
     *
     * @param utilization 0..1
     */
    public record Observation(
            double arrivalRps,
            int servingReplicas,
            double servedRps,
            double utilization,
            double ttftP99Ms,
            double tpotP99Ms,
            double queueDepth,
            double tokensPerSecond) {}

    public Params params() {
        return params;
    }

    public double backlog() {
        return backlog;
    }

    /** Advances the model by {@code dtSeconds} of {@code arrivalRps} load on {@code servingReplicas}. */
    public Observation step(double arrivalRps, int servingReplicas, double dtSeconds) {
        return step(arrivalRps, servingReplicas, dtSeconds, params.capacityRpsPerReplica());
    }

    /**
     * As {@link #step(double, int, double)}, with each replica serving {@code capacityRpsPerReplica}
     * over this step instead of the nominal figure: capacity that drifts with the prompt mix.
     */
    public Observation step(double arrivalRps, int servingReplicas, double dtSeconds, double capacityRpsPerReplica) {
        if (arrivalRps < 0 || servingReplicas < 0 || dtSeconds < 0) {
            throw new IllegalArgumentException("load, replicas and dt must be >= 0");
        }
        if (!(capacityRpsPerReplica > 0)) {
            throw new IllegalArgumentException("capacityRpsPerReplica must be > 0, got " + capacityRpsPerReplica);
        }
        double capacity = servingReplicas * capacityRpsPerReplica;
        double servedRps;
        if (capacity <= 0) {
            backlog += arrivalRps * dtSeconds;
            servedRps = 0;
        } else if (dtSeconds == 0) {
            // No time passes, so nothing drains: the pool as it stands.
            servedRps = Math.min(arrivalRps, capacity);
        } else {
            double demandRps = arrivalRps + backlog / dtSeconds;
            if (demandRps <= capacity) {
                // Everything waiting is served. Setting the backlog to exactly zero matters: computing
                // backlog + (arrival - served) * dt here leaves a rounding residue of about 1e-16, and
                // any backlog above zero reads as ρ = 1 and a queue wait for ever after.
                servedRps = demandRps;
                backlog = 0;
            } else {
                servedRps = capacity;
                backlog = Math.max(0, backlog + (arrivalRps - capacity) * dtSeconds);
            }
        }
        return observe(arrivalRps, servingReplicas, servedRps, capacityRpsPerReplica);
    }

    /** What the pool looks like at this load without advancing time; the backlog is left as it is. */
    public Observation observe(double arrivalRps, int servingReplicas, double servedRps) {
        return observe(arrivalRps, servingReplicas, servedRps, params.capacityRpsPerReplica());
    }

    /** As {@link #observe(double, int, double)}, with each replica serving {@code capacityRpsPerReplica}. */
    public Observation observe(double arrivalRps, int servingReplicas, double servedRps, double capacityRpsPerReplica) {
        double capacity = servingReplicas * capacityRpsPerReplica;
        if (capacity <= 0) {
            return new Observation(arrivalRps, 0, 0, arrivalRps > 0 || backlog > 0 ? 1 : 0,
                    UNSERVED_LATENCY_MS, UNSERVED_LATENCY_MS, backlog, 0);
        }
        double rho = Math.min(1, Math.max(arrivalRps, servedRps) / capacity);
        if (backlog > 0) {
            rho = 1;
        }
        double pressure = Math.min(rho, RHO_CAP);
        double queueWaitMs = backlog / capacity * 1000;
        double ttft = params.baseTtftMs() / (1 - pressure) + queueWaitMs;
        double tpot = params.baseTpotMs() * (1 + 0.5 * pressure / (1 - pressure));
        return new Observation(arrivalRps, servingReplicas, servedRps, rho,
                Math.min(ttft, UNSERVED_LATENCY_MS), tpot, backlog, servedRps * params.outputTokensPerRequest());
    }
}
