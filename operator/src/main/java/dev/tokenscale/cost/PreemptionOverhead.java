package dev.tokenscale.cost;

/**
 * The seed's {@code PreemptionCostOptimizer.preemption_overhead}: a preempted request loses its KV
 * cache, so every token it had is recomputed at about 0.5 ms of prefill each, and all of them count
 * as wasted compute.
 *
 * @param recomputeTimeMs preemptedTokens × 0.5 ms
 * @param wastedComputeTokens every preempted token
 * @param checkpointAdvised the seed's advice applies: more than 1,000 tokens would be lost, so the
 *     KV cache is worth checkpointing to CPU before preempting
 */
public record PreemptionOverhead(double recomputeTimeMs, long wastedComputeTokens, boolean checkpointAdvised) {

    /** The seed's prefill cost of recomputing one token, in milliseconds. */
    public static final double RECOMPUTE_MS_PER_TOKEN = 0.5;

    /** Above this many preempted tokens the seed recommends checkpointing the KV cache to CPU. */
    public static final long CHECKPOINT_ABOVE_TOKENS = 1000;

    /** The seed's recommendation, word for word. */
    public static final String RECOMMENDATION = "Checkpoint KV cache to CPU before preemption if preempted_tokens > 1000";

    public static PreemptionOverhead of(long preemptedTokens) {
        if (preemptedTokens < 0) {
            throw new IllegalArgumentException("preemptedTokens must be >= 0, got " + preemptedTokens);
        }
        return new PreemptionOverhead(preemptedTokens * RECOMPUTE_MS_PER_TOKEN, preemptedTokens,
                preemptedTokens > CHECKPOINT_ABOVE_TOKENS);
    }
}
