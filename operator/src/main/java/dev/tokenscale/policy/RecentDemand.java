package dev.tokenscale.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The lowest demand of each minute over the last {@link #LOOKBACK}, so the Adaptive policy can see how
 * far demand has risen lately. At most one entry a minute is kept, so the list never grows beyond
 * {@link #LOOKBACK} in minutes, whatever the evaluation interval.
 */
public record RecentDemand(List<Entry> entries) {

    /** How far back a rise counts. */
    public static final Duration LOOKBACK = Duration.ofHours(1);

    /** The lowest demand seen in one minute. */
    public record Entry(long minute, double lowest) {}

    public static final RecentDemand EMPTY = new RecentDemand(List.of());

    public RecentDemand {
        entries = List.copyOf(entries);
    }

    public RecentDemand record(Instant now, double demand) {
        long minute = Math.floorDiv(now.getEpochSecond(), 60);
        long oldest = minute - LOOKBACK.toMinutes();
        List<Entry> kept = new ArrayList<>(entries.size() + 1);
        for (Entry entry : entries) {
            if (entry.minute() > oldest && entry.minute() != minute) {
                kept.add(entry);
            }
        }
        double lowest = demand;
        for (Entry entry : entries) {
            if (entry.minute() == minute) {
                lowest = Math.min(lowest, entry.lowest());
            }
        }
        kept.add(new Entry(minute, lowest));
        return new RecentDemand(kept);
    }

    /** The lowest demand of the lookback, this minute included. */
    public OptionalDouble lowest() {
        return entries.stream().mapToDouble(Entry::lowest).min();
    }
}
