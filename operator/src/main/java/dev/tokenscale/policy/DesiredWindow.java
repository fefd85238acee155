package dev.tokenscale.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The desired replica counts of the last scale-down cooldown, for the Adaptive policy's
 * stabilization: it scales down only to the highest of them, as the HPA's stabilization window does,
 * so a dip shorter than the window never removes capacity.
 *
 * <p>Only entries that can still be the maximum are kept (each is higher than every later one), so
 * the list never holds more entries than there are distinct replica counts, whatever the window and
 * the evaluation interval.
 */
public record DesiredWindow(List<Entry> entries) {

    /** One desired count and when it was computed. */
    public record Entry(Instant time, int desired) {}

    public static final DesiredWindow EMPTY = new DesiredWindow(List.of());

    public DesiredWindow {
        entries = List.copyOf(entries);
    }

    /** Adds the desired count of {@code now} and drops what is older than {@code window} or can no longer be the maximum. */
    public DesiredWindow record(Instant now, int desired, Duration window) {
        List<Entry> kept = new ArrayList<>(entries.size() + 1);
        Instant oldest = now.minus(window);
        for (Entry entry : entries) {
            if (!entry.time().isBefore(oldest) && entry.desired() > desired) {
                kept.add(entry);
            }
        }
        kept.add(new Entry(now, desired));
        return new DesiredWindow(kept);
    }

    /** The highest desired count no older than {@code window} at {@code now}; empty when there is none. */
    public java.util.OptionalInt max(Instant now, Duration window) {
        Instant oldest = now.minus(window);
        return entries.stream().filter(entry -> !entry.time().isBefore(oldest)).mapToInt(Entry::desired).max();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }
}
