package dev.tokenscale.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * What the Adaptive policy knows of its recent demand: the level it sizes on, how noisy the readings
 * are, and the mean demand of each minute over the last {@link #LOOKBACK}, so it can see how far
 * demand has risen since then.
 *
 * <p><b>Level.</b> The mean of the readings since the last shift: a plain mean of the first ones, then
 * an exponential mean with weight 2 / ({@value #LATEST} + 1), which averages noise as a mean of the last
 * {@value #LATEST} readings would, in constant time and memory. A reading further from the level
 * than {@value #SHIFT_SIGMAS} times the readings' noise (and at least {@value #MIN_SHIFT} of the level)
 * is a shift: the level restarts from it, so a real jump is sized at once. Closer readings are
 * averaged, so noise on a counter read over a short window barely moves the level (to about an
 * eighth), instead of ordering a replica each time it peaks, and the stabilization window's maximum is
 * not the noisiest reading's. Without noise every change is a shift and the level is the latest reading.
 *
 * <p>Why {@value #LATEST}: demand that jitters minute to minute gives readings that agree within a
 * minute, so a mean of 40 readings at 15 s averaged only 10 independent minutes. Its level then moved
 * by about 4% of the demand, and the stabilization window held the highest of those moves for five
 * minutes (half a replica at the noisy day's peak). 60 readings (15 minutes at 15 s) cut that while a
 * rise too slow to be a shift still shows within minutes; measured on 63 replayed days and hours
 * (docs/adaptive.md), it cost less at fewer violation minutes in total than 40, and more lag (80, 160
 * readings) added minutes at the seed day's hourly steps under metrics noise.
 *
 * <p><b>Noise.</b> An exponentially weighted mean of the squared relative residuals (reading − level) ÷
 * level, over about {@value #NOISE_READINGS} readings, corrected for the level's own error. A residual
 * counts at most as 100%, so one burst does not blind the shift test for long.
 *
 * <p>One entry a minute is kept for the look-back, so the list never holds more than
 * {@link #LOOKBACK} in minutes plus one, whatever the evaluation interval. The baseline is a minute's
 * mean, not the lowest reading: the lowest of an hour of noisy readings sits well below the level
 * and would read as a rise that never happened.
 *
 * @param entries the completed minutes, oldest first; shared unchanged between the readings of one
 *     minute, so a reading costs no copy of the hour
 * @param current the minute being read now; null before the first reading
 * @param level the level; NaN before the first reading
 * @param readings how many readings the level averages since the last shift, at most {@link #LATEST}
 * @param noiseVariance the readings' relative noise variance; 0 until readings disagree
 */
public record RecentDemand(List<Entry> entries, Entry current, double level, int readings, double noiseVariance) {

    /** How many readings the level averages, as a mean of the last ones would. */
    static final int LATEST = 60;
    /** How many noise standard deviations from the level a reading must be to count as a shift. */
    static final double SHIFT_SIGMAS = 3;
    /** The smallest relative change that counts as a shift, so exact readings' float noise is no shift. */
    static final double MIN_SHIFT = 0.03;
    /** The noise estimate's memory, in readings. */
    static final int NOISE_READINGS = 32;
    /** Below this many requests per second, residuals are taken relative to it: a quiet night's 0.1 rps is no scale. */
    static final double MIN_SCALE_RPS = 1;

    /** How far back a rise is measured. */
    public static final Duration LOOKBACK = Duration.ofHours(1);

    /** The demand readings of one minute. */
    public record Entry(long minute, double sum, int count) {
        double mean() {
            return sum / count;
        }
    }

    public static final RecentDemand EMPTY = new RecentDemand(List.of(), null, Double.NaN, 0, 0);

    public RecentDemand {
        entries = List.copyOf(entries);
        if (!(noiseVariance >= 0 && Double.isFinite(noiseVariance))) {
            throw new IllegalArgumentException("noiseVariance must be a finite number >= 0, got " + noiseVariance);
        }
        if (readings < 0 || readings > LATEST) {
            throw new IllegalArgumentException("readings must be within [0, " + LATEST + "], got " + readings);
        }
        if (readings > 0 && !(level >= 0 && Double.isFinite(level))) {
            throw new IllegalArgumentException("level must be a finite number >= 0, got " + level);
        }
    }

    /** Whether the latest reading started a new level (a shift, or the first reading). */
    public boolean justShifted() {
        return readings == 1;
    }

    /** The readings' relative noise, a standard deviation: 0.1 is 10%. */
    public double noise() {
        return Math.sqrt(noiseVariance);
    }

    /** The level's own relative noise: the readings' over the square root of how many it averages. */
    public double levelNoise() {
        return readings == 0 ? 0 : noise() / Math.sqrt(readings);
    }

    public RecentDemand record(Instant now, double demand) {
        double variance = noiseVariance;
        double nextLevel = demand;
        int nextReadings = 1;
        if (readings > 0) {
            double residual = (demand - level) / Math.max(level, MIN_SCALE_RPS);
            boolean shift = Math.abs(residual) > Math.max(MIN_SHIFT, SHIFT_SIGMAS * noise());
            // reading − mean of n readings has the variance σ²(1 + 1/n): the n/(n+1) takes the level's share out.
            double squared = Math.min(1, residual * residual) * readings / (readings + 1);
            variance = variance + (squared - variance) / NOISE_READINGS;
            if (!shift) {
                nextReadings = Math.min(readings + 1, LATEST);
                // A plain mean of the first readings, then the exponential mean of the same noise as LATEST's.
                nextLevel = level + (demand - level) * Math.max(1.0 / (readings + 1), 2.0 / (LATEST + 1));
            }
        }
        long minute = Math.floorDiv(now.getEpochSecond(), 60);
        if (current != null && current.minute() == minute) {
            return new RecentDemand(entries, new Entry(minute, current.sum() + demand, current.count() + 1), nextLevel, nextReadings, variance);
        }
        long oldest = minute - LOOKBACK.toMinutes();
        List<Entry> minutes = new ArrayList<>(entries.size() + 1);
        for (Entry entry : entries) {
            if (entry.minute() >= oldest && entry.minute() < minute) {
                minutes.add(entry);
            }
        }
        if (current != null && current.minute() >= oldest && current.minute() < minute) {
            minutes.add(current);
        }
        return new RecentDemand(minutes, new Entry(minute, demand, 1), nextLevel, nextReadings, variance);
    }

    /**
     * The mean demand of the minute one {@link #LOOKBACK} ago (or the oldest kept, if it is at most
     * a minute younger); empty until that much history exists, e.g. after a restart.
     */
    public OptionalDouble lookbackAgo(Instant now) {
        Entry oldest = !entries.isEmpty() ? entries.get(0) : current;
        if (oldest == null) {
            return OptionalDouble.empty();
        }
        long minute = Math.floorDiv(now.getEpochSecond(), 60);
        return oldest.minute() <= minute - LOOKBACK.toMinutes() + 1 ? OptionalDouble.of(oldest.mean()) : OptionalDouble.empty();
    }

    /** How many readings the minute an hour ago averaged; 0 when there is none. */
    int lookbackReadings(Instant now) {
        Entry oldest = !entries.isEmpty() ? entries.get(0) : current;
        return lookbackAgo(now).isPresent() ? oldest.count() : 0;
    }
}
