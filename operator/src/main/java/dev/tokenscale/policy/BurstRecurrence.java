package dev.tokenscale.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The bursts the Adaptive policy has seen, and the capacity it holds for them while they recur.
 *
 * <p><b>A burst</b> is demand that jumps to {@value #JUMP} times its level or more, costs the SLO
 * (a breach or a queue while it lasts), and falls back below that within the pool's ready delay
 * ({@link ReadyDelay}): a jump no replica ordered when it shows could serve, since the replica is
 * ready after the burst has gone. Sizing on demand cannot help such a burst; only capacity already
 * held can. A jump that stays (a flash crowd, a morning) is no burst, and sizing serves it.
 *
 * <p><b>Its work</b> is what the replicas served from the jump until the queue it left is drained,
 * in replica-seconds: the sum of ready replicas × utilization × time. It needs no capacity estimate
 * (a pool that is idle between bursts and saturated in them never learns one) and does not depend on
 * how many replicas served it.
 *
 * <p><b>The hold.</b> Once two bursts have come within {@value #HOLD_GAPS} median gaps of each other,
 * the pool holds ceil(work / ready delay) replicas, the median recent burst's work spread over the
 * ready delay, until {@value #HOLD_GAPS} median gaps after the last burst. That many replicas drain
 * a typical recent burst by the time replicas ordered at its start would be ready (the median, so
 * that one double burst does not set what is paid for every minute between bursts):
 * fewer leave a queue until then, and more cost every minute between bursts while shortening only
 * the last part of a drain that ordering would also cut. While a burst within the hold's means is
 * under way (up to one ready delay from its start), the hold absorbs it: nothing more is ordered for
 * it, since those replicas would arrive to an empty queue and be paid for a stabilization window.
 * A burst that outlasts that is sized for as any demand. When bursts stop, the hold ends.
 *
 * <p>Bounded: the last {@value #RECENT} bursts and one burst under way.
 *
 * @param bursts the last bursts, oldest first
 * @param current the burst under way; null when there is none
 * @param lastSeen the previous evaluation, to weigh the work of this one; null before the first
 * @param lastRate the previous evaluation's request rate, the level a jump is measured from; NaN when unknown
 * @param lastQueue the previous evaluation's queue, to see how fast a queue drains; NaN when unknown
 */
public record BurstRecurrence(List<Burst> bursts, Current current, Instant lastSeen, double lastRate, double lastQueue) {

    /** How many times its level demand must jump to count as a burst. */
    static final double JUMP = 3;
    /** Below this many requests per second, jumps are measured from it: 0.1 to 0.5 rps is no burst. */
    static final double MIN_LEVEL_RPS = 1;
    /** How many median gaps the hold lasts after the last burst, and the most two bursts may be apart to recur. */
    static final int HOLD_GAPS = 3;
    public static final int RECENT = 6;
    /** A step longer than this between evaluations (a restart, a stalled operator) adds no work: its utilization is unknown. */
    static final Duration LONGEST_STEP = Duration.ofMinutes(5);
    /** A burst whose queue is not drained within this long is dropped: it says nothing a hold could serve. */
    static final Duration LONGEST_BURST = Duration.ofMinutes(30);
    private static final double CEIL_TOLERANCE = 1e-9;

    /**
     * A burst that ended: when it began, its work in replica-seconds, how long demand stayed up, and
     * when it ended (its queue drained, or the next burst came).
     */
    public record Burst(Instant start, double workReplicaSeconds, Duration duration, Instant end) {
        public Burst {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(end, "end");
            if (!(workReplicaSeconds >= 0 && Double.isFinite(workReplicaSeconds))) {
                throw new IllegalArgumentException("workReplicaSeconds must be a finite number >= 0, got " + workReplicaSeconds);
            }
        }
    }

    /**
     * A burst under way.
     *
     * @param baseRps the request rate before the jump; demand back below {@value #JUMP} times it has fallen back
     * @param fellBackAt when demand fell back; null while it is still up
     * @param costly whether the SLO was breached or a queue formed during it
     * @param drainSeconds how long the queue takes to drain at the pace it drained since the previous
     *     evaluation; 0 when there is none, infinite when it is not draining
     */
    public record Current(Instant start, double baseRps, double workReplicaSeconds, Instant fellBackAt, boolean costly,
            double drainSeconds) {}

    public static final BurstRecurrence NONE = seen(List.of());

    /** The bursts seen before, with nothing of the present known: a memory restored after a restart. */
    public static BurstRecurrence seen(List<Burst> bursts) {
        return new BurstRecurrence(bursts, null, null, Double.NaN, Double.NaN);
    }

    public BurstRecurrence {
        bursts = List.copyOf(bursts);
        if (bursts.size() > RECENT) {
            bursts = bursts.subList(bursts.size() - RECENT, bursts.size());
        }
    }

    /**
     * One evaluation's sight of the pool.
     *
     * @param rate the request rate read now; empty when it is missing
     * @param ready the ready replicas
     * @param utilizationPercent the utilization read now; empty when it is missing (its step adds no work)
     * @param queue the queue read now; empty when it is missing
     * @param costly whether the SLO is breached or a queue waits now
     * @param queued whether a queue waits now: a burst is over only once its queue is drained
     * @param readyDelay how long a replica ordered now takes to serve; null while unknown
     */
    BurstRecurrence observe(Instant now, OptionalDouble rate, int ready, OptionalDouble utilizationPercent,
            OptionalDouble queue, boolean costly, boolean queued, Duration readyDelay) {
        double seconds = lastSeen == null ? Double.NaN : Duration.between(lastSeen, now).toMillis() / 1000.0;
        // A step longer than LONGEST_STEP (a restart, a stalled operator) adds no work: its utilization is unknown.
        boolean stepKnown = seconds > 0 && seconds <= LONGEST_STEP.toSeconds();
        double work = stepKnown && utilizationPercent.isPresent()
                ? ready * Math.max(0, utilizationPercent.getAsDouble()) / 100 * seconds : 0;
        double rateNow = rate.isPresent() ? rate.getAsDouble() : Double.NaN;
        double queueNow = queue.isPresent() ? queue.getAsDouble() : Double.NaN;
        if (current == null) {
            if (!Double.isNaN(rateNow) && !Double.isNaN(lastRate) && rateNow >= JUMP * Math.max(lastRate, MIN_LEVEL_RPS)) {
                return next(new Current(now, lastRate, work, null, costly, Double.POSITIVE_INFINITY), bursts, now, rateNow, queueNow);
            }
            return next(null, bursts, now, rateNow, queueNow);
        }
        boolean up = !Double.isNaN(rateNow) && rateNow >= JUMP * Math.max(current.baseRps(), MIN_LEVEL_RPS);
        if (current.fellBackAt() != null && up) {
            // The next burst came while this one's queue drained: this one ends here, with the work
            // served so far, and the rest of the queue counts toward the next.
            return next(new Current(now, current.baseRps(), work, null, costly, Double.POSITIVE_INFINITY),
                    ended(current, current.fellBackAt(), now), now, rateNow, queueNow);
        }
        Duration age = Duration.between(current.start(), now);
        Instant fellBackAt = current.fellBackAt() == null && !Double.isNaN(rateNow) && !up ? now : current.fellBackAt();
        Duration longest = readyDelay == null ? LONGEST_BURST : readyDelay;
        if ((fellBackAt == null && age.compareTo(longest) > 0) || age.compareTo(LONGEST_BURST) > 0) {
            // Demand stayed up past the time a replica takes to serve, or the queue never drained:
            // sizing on demand serves this, a hold would not have.
            return next(null, bursts, now, rateNow, queueNow);
        }
        double drain = Double.POSITIVE_INFINITY;
        if (!(queueNow > 0)) {
            drain = 0;
        } else if (stepKnown && queueNow < lastQueue) {
            drain = queueNow / ((lastQueue - queueNow) / seconds);
        }
        Current next = new Current(current.start(), current.baseRps(), current.workReplicaSeconds() + work, fellBackAt,
                current.costly() || costly, drain);
        if (fellBackAt == null || queued) {
            return next(next, bursts, now, rateNow, queueNow);
        }
        return next(null, ended(next, fellBackAt, now), now, rateNow, queueNow);
    }

    private static BurstRecurrence next(Current current, List<Burst> bursts, Instant now, double rate, double queue) {
        return new BurstRecurrence(bursts, current, now, rate, queue);
    }

    /** The recent bursts with {@code burst} ended, if it cost the SLO; unchanged if it did not. */
    private List<Burst> ended(Current burst, Instant fellBackAt, Instant now) {
        if (!burst.costly()) {
            return bursts;
        }
        List<Burst> ended = new ArrayList<>(bursts.size() + 1);
        ended.addAll(bursts);
        ended.add(new Burst(burst.start(), burst.workReplicaSeconds(), Duration.between(burst.start(), fellBackAt), now));
        return ended;
    }

    /** The replicas to hold for recurring bursts, before the bounds; empty when bursts do not recur now. */
    OptionalInt hold(Instant now, Duration readyDelay) {
        if (bursts.size() < 2 || readyDelay.isZero() || readyDelay.isNegative()) {
            return OptionalInt.empty();
        }
        Duration gap = medianGap();
        Duration horizon = gap.multipliedBy(HOLD_GAPS);
        Burst last = bursts.get(bursts.size() - 1);
        Instant latest = current != null ? current.start() : last.start();
        if (Duration.between(bursts.get(bursts.size() - 2).start(), last.start()).compareTo(horizon) > 0
                || Duration.between(latest, now).compareTo(horizon) > 0) {
            return OptionalInt.empty();
        }
        double replicas = medianWork() / (readyDelay.toMillis() / 1000.0);
        return OptionalInt.of((int) Math.min(Math.max(Math.ceil(replicas - CEIL_TOLERANCE), 0), Integer.MAX_VALUE));
    }

    /**
     * Whether a burst is under way that the hold is there to absorb: one that began within the ready
     * delay, or one that has fallen back and whose queue drains, at its pace, before a replica
     * ordered now could serve, or one that ended now (its last drained minute still reads as saturation).
     */
    boolean absorbing(Instant now, Duration readyDelay) {
        if (current == null) {
            return !bursts.isEmpty() && bursts.get(bursts.size() - 1).end().equals(now);
        }
        return Duration.between(current.start(), now).compareTo(readyDelay) <= 0
                || (current.fellBackAt() != null && current.drainSeconds() <= readyDelay.toMillis() / 1000.0);
    }

    /** The median work of the recent bursts (the larger middle one of an even count), in replica-seconds. */
    double medianWork() {
        double[] works = bursts.stream().mapToDouble(Burst::workReplicaSeconds).sorted().toArray();
        return works[works.length / 2];
    }

    /** The median gap between the starts of the recent bursts (the longer middle one of an even count). */
    Duration medianGap() {
        List<Duration> gaps = new ArrayList<>(bursts.size());
        for (int i = 1; i < bursts.size(); i++) {
            gaps.add(Duration.between(bursts.get(i - 1).start(), bursts.get(i).start()));
        }
        gaps.sort(null);
        return gaps.get(gaps.size() / 2);
    }
}
