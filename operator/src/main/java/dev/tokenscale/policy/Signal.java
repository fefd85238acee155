package dev.tokenscale.policy;

/**
 * The signals a pool is scaled on. The keys are the wire names used everywhere: CRD status, JSON
 * output, operator metrics labels and docs.
 */
public enum Signal {
    TTFT_P99_MS("ttftP99Ms", true),
    TPOT_P99_MS("tpotP99Ms", true),
    UTILIZATION_PERCENT("utilizationPercent", false),
    QUEUE_DEPTH("queueDepth", false),
    TOKENS_PER_SECOND("tokensPerSecond", false),
    /**
     * Requests per second arriving at the pool: what the Adaptive policy sizes the pool for. The
     * presets count requests that reached their first token plus the growth of the waiting queue, so
     * a queue building under overload is not mistaken for low demand.
     */
    REQUEST_RATE("requestsPerSecond", false);

    private final String key;
    private final boolean latency;

    Signal(String key, boolean latency) {
        this.key = key;
        this.latency = latency;
    }

    /** The camelCase name used in status, JSON and metric labels. */
    public String key() {
        return key;
    }

    /** Latency signals come from histograms and may be idle (no request finished in the window). */
    public boolean isLatency() {
        return latency;
    }

    public static Signal fromKey(String key) {
        for (Signal signal : values()) {
            if (signal.key.equals(key)) {
                return signal;
            }
        }
        throw new IllegalArgumentException("unknown signal '" + key + "'");
    }
}
