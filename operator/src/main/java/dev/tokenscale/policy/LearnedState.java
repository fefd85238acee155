package dev.tokenscale.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a pool has learned about itself: how many requests per second one ready replica serves at
 * 100% utilization. The policy reads a value and returns a new one; the caller keeps it (the
 * operator in {@code status.learned}, {@code simulate} in memory). There is one store per pool.
 *
 * <p>The estimate is the median of the last {@link #RECENT} samples, so one odd sample (a scrape
 * that straddled a restart, a burst of long prompts) cannot move it far, while a capacity that
 * drifts over the day is followed within {@link #RECENT} samples.
 *
 * @param capacityRequestsPerSecond the estimate; null before the first sample
 * @param samples how many samples were ever taken (the estimate uses only the recent ones)
 * @param recentSamples the last samples, oldest first, at most {@link #RECENT}
 * @param updatedTime when the estimate last changed; null before the first sample
 */
public record LearnedState(Double capacityRequestsPerSecond, long samples, List<Double> recentSamples, Instant updatedTime) {

    /** How many samples the median is taken over. */
    public static final int RECENT = 20;

    public static final LearnedState NONE = new LearnedState(null, 0, List.of(), null);

    public LearnedState {
        recentSamples = List.copyOf(recentSamples);
        if (recentSamples.size() > RECENT) {
            recentSamples = recentSamples.subList(recentSamples.size() - RECENT, recentSamples.size());
        }
        for (double sample : recentSamples) {
            if (!(sample > 0 && Double.isFinite(sample))) {
                throw new IllegalArgumentException("a capacity sample must be a finite number > 0, got " + sample);
            }
        }
        if (capacityRequestsPerSecond != null && !(capacityRequestsPerSecond > 0 && Double.isFinite(capacityRequestsPerSecond))) {
            throw new IllegalArgumentException("capacityRequestsPerSecond must be a finite number > 0, got " + capacityRequestsPerSecond);
        }
        if (samples < recentSamples.size()) {
            throw new IllegalArgumentException("samples " + samples + " is fewer than the " + recentSamples.size() + " recent ones");
        }
    }

    /** A state restored from a store that kept only the estimate and its count: the estimate stands for each recent sample. */
    public static LearnedState restored(double capacity, long samples, Instant updatedTime) {
        int recent = (int) Math.min(Math.max(samples, 1), RECENT);
        List<Double> copies = new ArrayList<>(recent);
        for (int i = 0; i < recent; i++) {
            copies.add(capacity);
        }
        return new LearnedState(capacity, Math.max(samples, recent), copies, updatedTime);
    }

    /** One more sample: it joins the recent ones, the oldest drops out, the estimate is their median. */
    public LearnedState withSample(double sample, Instant now) {
        List<Double> recent = new ArrayList<>(recentSamples);
        recent.add(sample);
        if (recent.size() > RECENT) {
            recent.remove(0);
        }
        return new LearnedState(median(recent), samples + 1, recent, now);
    }

    /**
     * An SLO breach showed that {@code cap} is more than one replica can take: every recent sample
     * above it is lowered to it, so the estimate drops at once and recovers only as new samples
     * replace the lowered ones.
     */
    public LearnedState cappedAt(double cap, Instant now) {
        if (recentSamples.isEmpty() || recentSamples.stream().allMatch(sample -> sample <= cap)) {
            return this;
        }
        List<Double> lowered = recentSamples.stream().map(sample -> Math.min(sample, cap)).toList();
        return new LearnedState(median(lowered), samples, lowered, now);
    }

    /** The middle value; the mean of the two middle values for an even count. */
    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
