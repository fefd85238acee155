package dev.tokenscale.cli;

import dev.tokenscale.sim.TrafficCsv;
import dev.tokenscale.sim.TrafficProfile;
import java.time.Duration;
import java.util.Locale;

/**
 * How many steps a replay may take. Each strategy keeps a few numbers per step for the report and
 * chart, so --step 1ms over a day (86.4 million steps) would run out of memory long after it
 * started; both limits are checked before the replay begins.
 */
final class ReplaySteps {

    /** Per strategy: 50 million steps is a week at 12ms, far finer than any evaluation interval. */
    static final long MAX_STEPS = 50_000_000;
    /** What one strategy keeps per step (replicas, ready, two latencies, an observation) plus the shared series. */
    private static final long BYTES_PER_STEP_AND_STRATEGY = 4 + 4 + 8 + 8 + 8;
    /** The per-step load, time and replica capacity, rounded up for the noise the replay may draw. */
    private static final long SHARED_BYTES_PER_STEP = 8 * 4;
    private static final double SECONDS_PER_DAY = 86_400;

    private ReplaySteps() {}

    /** @throws BadInputException when the traffic is shorter than one step or needs more steps than allowed */
    static long check(TrafficProfile traffic, Duration step) {
        return check(traffic, step, 0);
    }

    /**
     * @param historySteps the unscored steps replayed before this traffic, which cost the same time
     * @throws BadInputException when the traffic is shorter than one step or the whole replay needs more steps than allowed
     */
    static long check(TrafficProfile traffic, Duration step, long historySteps) {
        long lengthMillis = Math.round(traffic.lengthSeconds() * 1000);
        long stepMillis = step.toMillis();
        if (lengthMillis < stepMillis) {
            throw new BadInputException("--step: " + human(stepMillis) + " is longer than the whole traffic ("
                    + human(lengthMillis) + " in " + traffic.source() + "); a run needs at least one step");
        }
        // Division before rounding up, so a length near Long.MAX_VALUE cannot wrap the count negative.
        long steps = stepsOf(lengthMillis, stepMillis);
        if (steps + historySteps > MAX_STEPS) {
            long totalMillis = lengthMillis + historySteps * stepMillis;
            long shortest = stepsOf(totalMillis, MAX_STEPS);
            throw new BadInputException(String.format(Locale.ROOT,
                    "--step: %s over %s%s is %,d replay steps; the most is %,d, so use a --step of at least %s",
                    human(stepMillis), human(lengthMillis),
                    historySteps == 0 ? "" : " plus " + human(historySteps * stepMillis) + " of history",
                    steps + historySteps, MAX_STEPS, human(shortest)));
        }
        return steps;
    }

    /**
     * The unscored steps of {@code --history-days}, checked before the history is built: a trace
     * shorter than the history is repeated to cover it, and a short trace repeated for a month could
     * hold billions of rows.
     */
    static long historySteps(TrafficProfile trace, int historyDays, Duration step) {
        if (historyDays == 0) {
            return 0;
        }
        double historySeconds = historyDays * SECONDS_PER_DAY;
        double replayedSeconds = historySeconds;
        if (trace.lengthSeconds() <= historySeconds) {
            double copies = Math.ceil(historySeconds / trace.lengthSeconds());
            if (copies * trace.rows() > TrafficCsv.MAX_ROWS) {
                throw new BadInputException(String.format(Locale.ROOT,
                        "--history-days: %d days of history repeat the %s trace %,.0f times, %,.0f rows; the most is %,d:"
                                + " use fewer --history-days or a longer trace",
                        historyDays, human(Math.round(trace.lengthSeconds() * 1000)), copies, copies * trace.rows(),
                        TrafficCsv.MAX_ROWS));
            }
            replayedSeconds = copies * trace.lengthSeconds();
        }
        return stepsOf(Math.round(replayedSeconds * 1000), step.toMillis());
    }

    private static long stepsOf(long millis, long stepMillis) {
        return millis / stepMillis + (millis % stepMillis == 0 ? 0 : 1);
    }

    /** @throws BadInputException when the replay's series would not fit this JVM's heap */
    static void checkMemory(long steps, int strategies, long maxHeapBytes) {
        long needed = steps * (strategies * BYTES_PER_STEP_AND_STRATEGY + SHARED_BYTES_PER_STEP);
        if (needed > maxHeapBytes / 2) {
            throw new BadInputException(String.format(Locale.ROOT,
                    "--step: %,d steps for %d strategies need about %,d MB, more than half of this JVM's %,d MB heap;"
                            + " use a longer --step, or give java a larger -Xmx",
                    steps, strategies, needed >> 20, maxHeapBytes >> 20));
        }
    }

    private static String human(long millis) {
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
