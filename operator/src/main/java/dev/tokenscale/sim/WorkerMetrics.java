package dev.tokenscale.sim;

/** What one emulated worker has exported so far: cumulative histograms and counters, current gauges. */
final class WorkerMetrics {

    private final EmulatedEngine engine;
    private final CumulativeHistogram ttft;
    private final CumulativeHistogram interToken;
    private double generationTokens;
    private double usage;
    private double waiting;
    private double running;

    WorkerMetrics(EmulatedEngine engine) {
        this.engine = engine;
        this.ttft = new CumulativeHistogram(engine.ttftBuckets());
        this.interToken = new CumulativeHistogram(engine.interTokenBuckets());
    }

    /**
     * Adds this worker's share of one step of the load model: an even share of the served requests,
     * one TTFT observation per request and one inter-token observation per generated token.
     */
    void record(LoadModel.Observation pool, double dtSeconds, LoadModel.Params params) {
        int serving = pool.servingReplicas();
        if (serving == 0) {
            return;
        }
        double requests = pool.servedRps() / serving * dtSeconds;
        double tokens = requests * params.outputTokensPerRequest();
        if (requests > 0) {
            ttft.observe(requests, LatencyDistribution.withP99(pool.ttftP99Ms() / 1000, engine.ttftBuckets()));
            interToken.observe(tokens, LatencyDistribution.withP99(pool.tpotP99Ms() / 1000, engine.interTokenBuckets()));
        }
        generationTokens += tokens;
        usage = pool.utilization();
        waiting = pool.queueDepth() / serving;
        // Little's law: requests in flight = arrival rate x time in the engine (first token, then every token).
        double secondsPerRequest = (pool.ttftP99Ms() + params.outputTokensPerRequest() * pool.tpotP99Ms()) / 1000;
        running = pool.servedRps() / serving * secondsPerRequest;
    }

    EmulatedEngine engine() {
        return engine;
    }

    CumulativeHistogram ttft() {
        return ttft;
    }

    CumulativeHistogram interToken() {
        return interToken;
    }

    double generationTokens() {
        return generationTokens;
    }

    double usage() {
        return usage;
    }

    double waiting() {
        return waiting;
    }

    double running() {
        return running;
    }
}
