package dev.tokenscale.sim;

import java.util.Optional;

/**
 * Splits a trace into the history a replay plays unscored, so that a policy that learns (capacity,
 * cold starts, a forecast) starts the scored part as a pool that has run for a while, and the
 * scored part the table reports.
 *
 * <ul>
 *   <li>No history days: no history; the whole trace is scored.</li>
 *   <li>A trace longer than the history: its first N days are history, the rest is scored.</li>
 *   <li>A trace no longer than the history (a one-day trace, say): the whole trace is replayed as
 *       history as many times as it takes to cover N days, then replayed again, scored.</li>
 * </ul>
 *
 * @param history played before the scored part, unscored; empty for none
 * @param scored what the table, the JSON and the chart report; starts at 0 s
 */
public record TrafficHistory(Optional<TrafficProfile> history, TrafficProfile scored) {

    static final double DAY_SECONDS = 86_400;

    public static TrafficHistory split(TrafficProfile trace, int historyDays) {
        if (historyDays < 0) {
            throw new IllegalArgumentException("historyDays must be >= 0, got " + historyDays);
        }
        if (historyDays == 0) {
            return new TrafficHistory(Optional.empty(), trace);
        }
        double historySeconds = historyDays * DAY_SECONDS;
        String name = trace.source();
        if (trace.lengthSeconds() > historySeconds) {
            return new TrafficHistory(Optional.of(trace.slice(0, historySeconds, name + " (history)")),
                    trace.slice(historySeconds, trace.lengthSeconds(), name));
        }
        int copies = (int) Math.ceil(historySeconds / trace.lengthSeconds());
        return new TrafficHistory(Optional.of(trace.repeated(copies, name + " (history)")), trace);
    }
}
