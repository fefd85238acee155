package dev.tokenscale.sim;

import java.util.List;
import java.util.Map;

/**
 * The metric names, labels and histogram buckets a serving engine exports, so the emulator looks to
 * Prometheus like the real thing and every preset can be tested against it. Names and buckets are
 * copied from the engines' sources: vLLM's {@code vllm/v1/metrics/loggers.py}, SGLang's
 * {@code python/sglang/srt/metrics/collector.py}.
 */
public enum EmulatedEngine {
    /** vLLM 0.10 and later. */
    VLLM("vllm",
            "vllm:time_to_first_token_seconds", VllmBuckets.TTFT,
            "vllm:inter_token_latency_seconds", VllmBuckets.INTER_TOKEN,
            "vllm:kv_cache_usage_perc", "vllm:num_requests_waiting", "vllm:num_requests_running", "vllm:generation_tokens",
            Map.of("engine", "0")),
    /** vLLM before 0.9, with the names the newer ones deprecated; exercises the presets' fallbacks. */
    VLLM_LEGACY("vllm-legacy",
            "vllm:time_to_first_token_seconds", VllmBuckets.TTFT,
            "vllm:time_per_output_token_seconds", VllmBuckets.INTER_TOKEN,
            "vllm:gpu_cache_usage_perc", "vllm:num_requests_waiting", "vllm:num_requests_running", "vllm:generation_tokens",
            Map.of()),
    SGLANG("sglang",
            "sglang:time_to_first_token_seconds",
            List.of(0.1, 0.2, 0.4, 0.6, 0.8, 1.0, 2.0, 4.0, 6.0, 8.0, 10.0, 20.0, 40.0, 60.0, 80.0, 100.0, 200.0, 400.0),
            "sglang:inter_token_latency_seconds",
            List.of(0.002, 0.004, 0.006, 0.008, 0.010, 0.015, 0.020, 0.025, 0.030, 0.035, 0.040, 0.060, 0.080, 0.100,
                    0.200, 0.400, 0.600, 0.800, 1.0, 2.0, 4.0, 6.0, 8.0),
            "sglang:token_usage", "sglang:num_queue_reqs", "sglang:num_running_reqs", "sglang:generation_tokens",
            Map.of());

    private final String key;
    private final String ttftHistogram;
    private final List<Double> ttftBuckets;
    private final String interTokenHistogram;
    private final List<Double> interTokenBuckets;
    private final String usageGauge;
    private final String waitingGauge;
    private final String runningGauge;
    private final String generationTokensCounter;
    private final Map<String, String> constantLabels;

    EmulatedEngine(String key, String ttftHistogram, List<Double> ttftBuckets, String interTokenHistogram,
            List<Double> interTokenBuckets, String usageGauge, String waitingGauge, String runningGauge,
            String generationTokensCounter, Map<String, String> constantLabels) {
        this.key = key;
        this.ttftHistogram = ttftHistogram;
        this.ttftBuckets = ttftBuckets;
        this.interTokenHistogram = interTokenHistogram;
        this.interTokenBuckets = interTokenBuckets;
        this.usageGauge = usageGauge;
        this.waitingGauge = waitingGauge;
        this.runningGauge = runningGauge;
        this.generationTokensCounter = generationTokensCounter;
        this.constantLabels = constantLabels;
    }

    /** The name used on the command line: vllm, vllm-legacy, sglang. */
    public String key() {
        return key;
    }

    public String ttftHistogram() {
        return ttftHistogram;
    }

    /** Upper bounds in seconds, ascending, without +Inf. */
    public List<Double> ttftBuckets() {
        return ttftBuckets;
    }

    /** Observed once per generated token, as the engines do. */
    public String interTokenHistogram() {
        return interTokenHistogram;
    }

    public List<Double> interTokenBuckets() {
        return interTokenBuckets;
    }

    /** KV-cache usage, 0..1. */
    public String usageGauge() {
        return usageGauge;
    }

    public String waitingGauge() {
        return waitingGauge;
    }

    /** Requests in flight on this replica. */
    public String runningGauge() {
        return runningGauge;
    }

    /** The counter's name without {@code _total}, as Python's prometheus_client declares it. */
    public String generationTokensCounter() {
        return generationTokensCounter;
    }

    /** Labels the engine puts on every series besides {@code model_name}. */
    public Map<String, String> constantLabels() {
        return constantLabels;
    }

    public static EmulatedEngine fromKey(String key) {
        for (EmulatedEngine engine : values()) {
            if (engine.key.equals(key)) {
                return engine;
            }
        }
        throw new IllegalArgumentException("unknown engine '" + key + "' (use vllm, vllm-legacy or sglang)");
    }

    /** vLLM's buckets, shared by its current and legacy names. */
    private static final class VllmBuckets {
        static final List<Double> TTFT = List.of(0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75,
                1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0, 160.0, 640.0, 2560.0);
        static final List<Double> INTER_TOKEN = List.of(0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5,
                0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0);
    }
}
