package dev.tokenscale.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The mean demand of each minute over the last {@link #LOOKBACK}, so the Adaptive policy can see how
 * far demand has risen since then. One entry a minute is kept, so the list never holds more than
 * {@link #LOOKBACK} in minutes plus one, whatever the evaluation interval.
 *
 * <p>It also keeps the last {@link #LATEST} readings themselves, for the short means the policy sizes with.
 *
 * <p>The baseline is a minute's mean, not the lowest reading: the lowest of an hour of noisy
 * readings sits well below the level and would read as a rise that never happened.
 */
public record RecentDemand(List<Entry> entries, Entry current, List<Double> last) {

    /** How many of the latest readings are kept for {@link #recentMean}. */
    static final int LATEST = 4;

    /** How far back a rise is measured. */
    public static final Duration LOOKBACK = Duration.ofHours(1);

    /** The demand readings of one minute. */
    public record Entry(long minute, double sum, int count) {
        double mean() {
            return sum / count;
        }
    }

    public static final RecentDemand EMPTY = new RecentDemand(List.of(), null, List.of());

    /**
     * @param entries the completed minutes, oldest first; shared unchanged between the readings of one
     *     minute, so a reading costs no copy of the hour
     * @param current the minute being read now; null before the first reading
     */
    public RecentDemand {
        entries = List.copyOf(entries);
        last = List.copyOf(last);
    }

    /** The mean of the last {@code n} readings (fewer when fewer exist); NaN with none. */
    public double recentMean(int n) {
        int from = Math.max(0, last.size() - n);
        double sum = 0;
        for (int i = from; i < last.size(); i++) {
            sum += last.get(i);
        }
        return sum / (last.size() - from);
    }

    public RecentDemand record(Instant now, double demand) {
        long minute = Math.floorDiv(now.getEpochSecond(), 60);
        List<Double> lastKept = new ArrayList<>(LATEST + 1);
        lastKept.addAll(last);
        lastKept.add(demand);
        while (lastKept.size() > LATEST) {
            lastKept.remove(0);
        }
        if (current != null && current.minute() == minute) {
            return new RecentDemand(entries, new Entry(minute, current.sum() + demand, current.count() + 1), lastKept);
        }
        long oldest = minute - LOOKBACK.toMinutes();
        List<Entry> kept = new ArrayList<>(entries.size() + 1);
        for (Entry entry : entries) {
            if (entry.minute() >= oldest && entry.minute() < minute) {
                kept.add(entry);
            }
        }
        if (current != null && current.minute() >= oldest && current.minute() < minute) {
            kept.add(current);
        }
        return new RecentDemand(kept, new Entry(minute, demand, 1), lastKept);
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
}
