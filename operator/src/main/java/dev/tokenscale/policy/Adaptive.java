package dev.tokenscale.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * Sizes the pool for its measured demand and the capacity one replica has shown, instead of moving
 * one replica at a time.
 *
 * <ol>
 *   <li><b>Learn.</b> When the ready replicas r have not changed for one signal window, utilization
 *       U is within [{@value #MIN_SAMPLE_UTILIZATION}%, {@value #MAX_SAMPLE_UTILIZATION}%] and no
 *       request waits, one sample of the capacity is requestRate / r / (U / 100): requests per
 *       second one replica would serve at 100%. The estimate is the median of recent samples
 *       ({@link LearnedState}). A latency SLO breach at L requests per second per replica caps the
 *       estimate at L / (target / 100), so the pool is never again planned to carry L a replica.</li>
 *   <li><b>Capacity.</b> Learned once {@value #TRUSTED_SAMPLES} samples exist; before that the user's
 *       hint; with neither, the pool is sized on utilization as Proportional is:
 *       ceil(r × U / target).</li>
 *   <li><b>Demand.</b> requestRate + queueDepth / cooldown.scaleUp: the queue is demand that was not
 *       served, to be drained within one scale-up cooldown. The pool is sized on its level ({@link
 *       RecentDemand}: readings averaged until one jumps beyond their noise), plus room for a further
 *       rise as large as the last hour's, plus room learned from SLO breaches ({@link SloHeadroom}).</li>
 *   <li><b>Desired.</b> ceil(demand / (capacity × target / 100)), within [min, max]. An SLO breach
 *       or a queue over {@code queue.scaleUpAbovePerReplica} makes it at least r + 1 (the safety
 *       net), unless the ready replicas changed within the signal window, when the signals may still
 *       describe the old count.</li>
 *   <li><b>Up.</b> Above the replicas ordered: straight to desired (capped only by a maxStepUp the
 *       user set). Between ready and ordered: held, the replicas starting cover it. A scale-up that
 *       only the safety net wants waits out cooldown.scaleUp.</li>
 *   <li><b>Down.</b> To the highest desired count of the last cooldown.scaleDown ({@link
 *       DesiredWindow}), never within cooldown.scaleUp of a scale-up, never while any configured
 *       signal (TTFT, TPOT, utilization, requestsPerSecond, and queue depth when spec.queue is set)
 *       is missing.</li>
 * </ol>
 *
 * <p>A later forecast feeds in at "desired": it may raise the count {@link #desired} computes, and the
 * window and holds work on the result unchanged.
 */
public final class Adaptive {

    static final double MIN_SAMPLE_UTILIZATION = 15;
    static final double MAX_SAMPLE_UTILIZATION = 95;
    static final int TRUSTED_SAMPLES = 10;
    /** Room kept for a further rise is at most this share of the demand. */
    static final double HEADROOM_CAP = 0.5;
    /** Float noise such as 2.0000000000000004 must not buy a whole extra GPU replica. */
    private static final double CEIL_TOLERANCE = 1e-9;

    PolicyOutcome decide(PolicySettings settings, SignalSnapshot signals, ScalingState state, AdaptiveMemory memory,
            java.time.Clock clock) {
        Evaluation evaluation = new Evaluation(settings, signals, state, clock.instant());
        Instant now = evaluation.now;
        AdaptiveMemory seen = memory.observeReady(state.readyReplicas(), state.lastScaleUpTime(), now);
        if (backlog(evaluation)) {
            seen = seen.observeBacklog(now);
        }
        if (seen.window().isEmpty()) {
            // A fresh memory (new pool, restarted operator) has not seen the window: until it has, the
            // replicas the pool has are the floor of a scale-down.
            seen = seen.withWindow(DesiredWindow.EMPTY.record(now, state.replicas(), settings.scaleDownCooldown()));
        }
        AdaptiveMemory learned = seen.withLearned(learn(evaluation, seen));

        Optional<Decision> correction = CostAwarePolicy.outOfBounds(evaluation);
        if (correction.isPresent()) {
            return new PolicyOutcome(correction.get(), learned, null);
        }
        if (MetricCoverage.allMissing(evaluation)) {
            return new PolicyOutcome(CostAwarePolicy.metricsUnavailable(evaluation), learned, null);
        }
        Capacity capacity = capacity(settings, learned.learned());
        OptionalDouble demand = demand(evaluation);
        Duration readyDelay = learned.readyDelay().estimate().orElse(null);
        learned = learned.withBursts(learned.bursts().observe(now, evaluation.value(Signal.REQUEST_RATE), state.readyReplicas(),
                evaluation.value(Signal.UTILIZATION_PERCENT), evaluation.value(Signal.QUEUE_DEPTH),
                breached(evaluation) || backlog(evaluation), backlog(evaluation), readyDelay));
        // A burst shows in the signals up to one window after it begins; a replica ordered then serves a ready delay later.
        Duration servesAfter = readyDelay == null ? null : readyDelay.plus(settings.adaptive().signalWindow());
        OptionalInt hold = servesAfter == null ? OptionalInt.empty() : learned.bursts().hold(now, servesAfter);
        boolean absorbing = hold.isPresent() && learned.bursts().absorbing(now, servesAfter);
        if (demand.isPresent()) {
            RecentDemand recent = learned.recentDemand();
            if (!absorbing || recent.readings() == 0) {
                // A burst the hold absorbs is no demand level: averaged in, it would hold the level (and the
                // readings' noise) up for many minutes after it, and its misses are no sizing misses.
                recent = recent.record(now, demand.getAsDouble());
                learned = learned.withRecentDemand(recent).withSloHeadroom(learnHeadroom(evaluation, learned, recent));
            }
            double level = recent.level();
            if (level != demand.getAsDouble()) {
                evaluation.record("demand", "level " + HumanText.number(level) + " requests/s, averaged over "
                        + recent.readings() + " readings since the last shift (readings' noise "
                        + HumanText.percent(recent.noise() * 100) + ")", false);
            }
            demand = OptionalDouble.of(withHeadroom(evaluation, level, recent, learned.sloHeadroom()));
        }
        Optional<Integer> sized = desired(evaluation, capacity, demand);
        Optional<Want> safety = absorbing ? Optional.empty() : safetyNet(evaluation, learned);
        int ready = state.readyReplicas();
        Integer desired = sized.orElse(null);
        if (safety.isPresent()) {
            int floor = (int) Math.min((long) ready + 1, settings.maxReplicas());
            desired = desired == null ? floor : Math.max(desired, floor);
        }
        boolean heldForBursts = false;
        if (hold.isPresent()) {
            int held = bounded(settings, hold.getAsInt());
            heldForBursts = desired == null || held > desired;
            desired = absorbing || desired == null ? held : Math.max(desired, held);
            recordHold(evaluation, learned.bursts(), servesAfter, held, absorbing);
            sized = Optional.of(desired);
        }
        AdaptiveMemory next = learned;
        if (desired != null) {
            next = learned.withWindow(learned.window().record(now, desired, settings.scaleDownCooldown()));
        }
        int windowMax = next.window().max(now, settings.scaleDownCooldown()).orElse(state.replicas());
        if (desired != null) {
            evaluation.record("stabilization", "the highest desired count of the last "
                    + HumanText.duration(settings.scaleDownCooldown()) + " (cooldown.scaleDown) is " + windowMax, false);
        }
        Sizing sizing = new Sizing(demand.isPresent() ? demand.getAsDouble() : null, capacity.rps, capacity.source,
                learned.learned().samples(), settings.targetPercent(), desired, desired == null ? null : windowMax);
        boolean demandDecides = sized.isPresent() && desired != null && desired.intValue() == sized.get().intValue();
        Decision decision = act(evaluation, desired, demandDecides, heldForBursts, safety, windowMax);
        return new PolicyOutcome(decision, next, sizing);
    }

    /** The capacity to size with and where it came from; rps is null for {@link CapacitySource#NONE}. */
    record Capacity(Double rps, CapacitySource source, long samples) {}

    static Capacity capacity(PolicySettings settings, LearnedState learned) {
        Double hint = settings.adaptive().capacityHintRps();
        if (learned.capacityRequestsPerSecond() != null && learned.samples() >= TRUSTED_SAMPLES) {
            return new Capacity(learned.capacityRequestsPerSecond(), CapacitySource.LEARNED, learned.samples());
        }
        if (hint != null) {
            return new Capacity(hint, CapacitySource.HINT, learned.samples());
        }
        return new Capacity(null, CapacitySource.NONE, learned.samples());
    }

    /** One line, written only while bursts recur: the trail is built at every evaluation. */
    private static void recordHold(Evaluation evaluation, BurstRecurrence bursts, Duration readyDelay, int held, boolean absorbing) {
        evaluation.record("bursts", bursts.bursts().size() + " recent bursts about every "
                + HumanText.duration(bursts.medianGap()) + " (median gap), of " + HumanText.number(bursts.medianWork())
                + " replica-seconds of work (median); a replica ordered when one shows serves " + HumanText.duration(readyDelay)
                + " later, so " + held + " replicas are held to drain one by then"
                + (absorbing ? "; this burst is theirs to absorb, nothing more is ordered for it" : ""), absorbing);
    }

    /** A sample when the pool is in a state that shows its capacity; a cap when it breached its SLO. */
    private static LearnedState learn(Evaluation evaluation, AdaptiveMemory memory) {
        LearnedState learned = memory.learned();
        int ready = evaluation.state.readyReplicas();
        OptionalDouble rate = evaluation.value(Signal.REQUEST_RATE);
        Duration window = evaluation.settings.adaptive().signalWindow();
        if (ready < 1 || rate.isEmpty() || !memory.readyStableFor(window, evaluation.now)
                || memory.backlogWithin(window, evaluation.now) || backlog(evaluation)) {
            return learned;
        }
        OptionalDouble utilization = evaluation.value(Signal.UTILIZATION_PERCENT);
        if (utilization.isEmpty() || evaluation.value(Signal.QUEUE_DEPTH).isEmpty()) {
            return learned;
        }
        double u = utilization.getAsDouble();
        // Outside the band the figures do not describe the capacity: near 0 the ratio is noise, near
        // 100% the replicas are saturated (draining a queue, say) and a breach is the saturation's.
        if (u < MIN_SAMPLE_UTILIZATION || u > MAX_SAMPLE_UTILIZATION) {
            return learned;
        }
        double loadPerReplica = rate.getAsDouble() / ready;
        if (breached(evaluation)) {
            return learned.cappedAt(loadPerReplica / (evaluation.settings.targetPercent() / 100), evaluation.now);
        }
        return learned.withSample(loadPerReplica / (u / 100), evaluation.now);
    }

    /** A queue of a request or more per ready replica (or any queue with none ready): demand the replicas did not take. */
    private static boolean backlog(Evaluation evaluation) {
        OptionalDouble queue = evaluation.value(Signal.QUEUE_DEPTH);
        return queue.isPresent() && queue.getAsDouble() / Math.max(1, evaluation.state.readyReplicas()) >= 1;
    }

    private static boolean breached(Evaluation evaluation) {
        return above(evaluation, Signal.TTFT_P99_MS, evaluation.settings.ttftSlo())
                || above(evaluation, Signal.TPOT_P99_MS, evaluation.settings.tpotSlo());
    }

    private static boolean above(Evaluation evaluation, Signal signal, Duration slo) {
        OptionalDouble value = evaluation.value(signal);
        return value.isPresent() && value.getAsDouble() > slo.toNanos() / 1_000_000.0;
    }

    /** Requests per second to serve: the rate plus the queue drained within one scale-up cooldown. */
    private static OptionalDouble demand(Evaluation evaluation) {
        OptionalDouble rate = evaluation.value(Signal.REQUEST_RATE);
        if (rate.isEmpty()) {
            evaluation.record("demand", "unknown: " + evaluation.describeAbsent(Signal.REQUEST_RATE), false);
            return OptionalDouble.empty();
        }
        OptionalDouble queue = evaluation.value(Signal.QUEUE_DEPTH);
        double horizonSeconds = Math.max(1, evaluation.settings.scaleUpCooldown().toMillis() / 1000.0);
        double waiting = queue.isPresent() ? queue.getAsDouble() : 0;
        double demand = rate.getAsDouble() + waiting / horizonSeconds;
        String finding = HumanText.number(rate.getAsDouble()) + " requests/s arriving";
        if (waiting > 0) {
            finding += " + " + HumanText.number(waiting) + " waiting drained over "
                    + HumanText.duration(evaluation.settings.scaleUpCooldown()) + " = " + HumanText.number(demand) + " requests/s";
        }
        evaluation.record("demand", finding, false);
        return OptionalDouble.of(demand);
    }

    /**
     * The demand level plus room for it to rise again as far as it rose since an hour ago (less one
     * standard deviation of the noise in the two figures compared, at most half the level; none until an hour of
     * demand has been seen), plus the room learned from SLO outcomes ({@link SloHeadroom}). A
     * replica takes minutes to start, so a pool sized exactly for now is short for every minute of
     * the next rise; a pool whose demand has been flat or falling keeps no rise room.
     */
    static double withHeadroom(Evaluation evaluation, double level, RecentDemand recent, SloHeadroom learned) {
        double rise = rise(level, recent, evaluation.now);
        double slo = learned.share() * level;
        double total = level + rise + slo;
        if (rise > 0 || slo > 0) {
            // One line, built only when there is room: the trail is written at every evaluation.
            evaluation.record("headroom", (rise > 0 ? "demand rose " + HumanText.number(rise) + " requests/s since "
                    + HumanText.duration(RecentDemand.LOOKBACK) + " ago beyond its noise, planned for again (at most "
                    + HumanText.percent(HEADROOM_CAP * 100) + " of the level); " : "")
                    + (slo > 0 ? HumanText.percent(learned.share() * 100) + " more learned from SLO misses; " : "")
                    + "planned for: " + HumanText.number(total) + " requests/s", false);
        }
        return total;
    }

    /** The rise since an hour ago beyond the readings' noise, at most {@link #HEADROOM_CAP} of the level. */
    private static double rise(double level, RecentDemand recent, Instant now) {
        OptionalDouble ago = recent.lookbackAgo(now);
        if (ago.isEmpty()) {
            return 0;
        }
        double agoNoise = recent.noise() / Math.sqrt(Math.max(1, recent.lookbackReadings(now)));
        double noise = Math.hypot(recent.levelNoise() * level, agoNoise * ago.getAsDouble());
        return Math.min(Math.max(0, level - ago.getAsDouble() - noise), level * HEADROOM_CAP);
    }

    /**
     * Learns from this evaluation's outcome: a breach while every ordered replica serves is a sizing
     * miss, unless the demand just shifted (a jump is the rise room's to plan for, and no margin for
     * jitter covers it), the ready count just changed, or the pool is at max.
     */
    private static SloHeadroom learnHeadroom(Evaluation evaluation, AdaptiveMemory memory, RecentDemand recent) {
        SloHeadroom headroom = memory.sloHeadroom();
        ScalingState state = evaluation.state;
        boolean miss = breached(evaluation) && !recent.justShifted() && state.readyReplicas() >= state.replicas()
                && state.replicas() < evaluation.settings.maxReplicas()
                && !memory.readyJustChanged(evaluation.settings.adaptive().signalWindow(), evaluation.now);
        return miss ? headroom.afterMiss() : headroom.afterHold();
    }

    /** ceil(demand / (capacity × target)) with a capacity, ceil(ready × U / target) without; within the bounds. */
    static Optional<Integer> desired(Evaluation evaluation, Capacity capacity, OptionalDouble demand) {
        PolicySettings settings = evaluation.settings;
        double target = settings.targetPercent();
        if (capacity.rps != null && demand.isPresent()) {
            double perReplica = capacity.rps * target / 100;
            int sized = ceil(demand.getAsDouble() / perReplica);
            int bounded = bounded(settings, sized);
            evaluation.record("capacity", HumanText.number(capacity.rps) + " requests/s per replica at 100% ("
                    + describe(capacity) + ")", false);
            evaluation.record("desired", "ceil(" + HumanText.number(demand.getAsDouble()) + " / ("
                    + HumanText.number(capacity.rps) + " x " + HumanText.percent(target) + ")) = " + sized
                    + boundsNote(settings, sized, bounded), false);
            return Optional.of(bounded);
        }
        OptionalDouble utilization = evaluation.value(Signal.UTILIZATION_PERCENT);
        int ready = evaluation.state.readyReplicas();
        String why = capacity.rps == null
                ? "no capacity yet (" + capacity.samples + " of " + TRUSTED_SAMPLES + " samples) and no spec.capacity hint"
                : "no request rate";
        if (utilization.isEmpty() || ready < 1) {
            evaluation.record("desired", "not sized: " + why + ", and "
                    + (ready < 1 ? "no ready replica" : evaluation.describeAbsent(Signal.UTILIZATION_PERCENT)), false);
            return Optional.empty();
        }
        int sized = StepSizer.sizedForTarget(ready, utilization.getAsDouble(), target);
        int bounded = bounded(settings, sized);
        evaluation.record("desired", why + ", so sized on utilization as Proportional: ceil(" + ready + " x "
                + HumanText.percent(utilization.getAsDouble()) + " / " + HumanText.percent(target) + ") = " + sized
                + boundsNote(settings, sized, bounded), false);
        return Optional.of(bounded);
    }

    private static String describe(Capacity capacity) {
        return switch (capacity.source) {
            case LEARNED -> "learned, median of the recent of " + capacity.samples + " samples";
            case HINT -> "spec.capacity hint, " + capacity.samples + " of " + TRUSTED_SAMPLES + " samples learned so far";
            case NONE -> "none";
        };
    }

    /** SLO breach or queue backlog: at least one replica more than are ready. */
    private static Optional<Want> safetyNet(Evaluation evaluation, AdaptiveMemory memory) {
        PolicySettings settings = evaluation.settings;
        if (memory.readyJustChanged(settings.adaptive().signalWindow(), evaluation.now)) {
            evaluation.record("safety_net", "skipped: the ready replicas changed within the signal window ("
                    + HumanText.duration(settings.adaptive().signalWindow()) + "), so the signals may describe the old count", false);
            return Optional.empty();
        }
        Optional<Want> slo = new SloViolationRule().evaluate(evaluation);
        if (slo.isPresent()) {
            return slo;
        }
        return new QueueBacklogRule().evaluate(evaluation);
    }

    private static Decision act(Evaluation evaluation, Integer desired, boolean demandDecides, boolean heldForBursts,
            Optional<Want> safety, int windowMax) {
        int current = evaluation.replicas();
        int ready = evaluation.state.readyReplicas();
        if (desired == null) {
            return CostAwarePolicy.hold(evaluation, Reason.WITHIN_TARGET,
                    "Nothing to size the pool on, so it stays at " + current + " replicas.");
        }
        if (desired > current) {
            return scaleUp(evaluation, desired, demandDecides, heldForBursts, safety);
        }
        if (desired > ready) {
            evaluation.record("replicas_starting", ready + " ready and " + (current - ready)
                    + " starting cover the " + desired + " desired", true);
            return CostAwarePolicy.hold(evaluation, Reason.REPLICAS_STARTING, "The pool needs " + desired + " replicas; "
                    + ready + " are ready and the " + (current - ready) + " starting cover the rest, so nothing more is ordered.");
        }
        int target = Math.max(windowMax, evaluation.settings.minReplicas());
        if (target >= current) {
            String reason = desired < current
                    ? "the pool needs " + desired + " replicas now, but " + windowMax + " were needed within the last "
                            + HumanText.duration(evaluation.settings.scaleDownCooldown())
                    : "the pool needs the " + current + " replicas it has";
            return CostAwarePolicy.hold(evaluation, Reason.WITHIN_TARGET, sentence(reason) + ", so it stays at " + current + " replicas.");
        }
        return scaleDown(evaluation, desired, target);
    }

    private static Decision scaleUp(Evaluation evaluation, int desired, boolean demandDecides, boolean heldForBursts,
            Optional<Want> safety) {
        PolicySettings settings = evaluation.settings;
        int current = evaluation.replicas();
        boolean sizedUp = demandDecides || safety.isEmpty();
        String why = !sizedUp ? safety.get().why()
                : heldForBursts ? "recent bursts recur and " + desired + " replicas held drain one before a replica ordered for it could serve"
                : "the demand needs " + desired + " replicas";
        Reason reason = sizedUp ? Reason.DEMAND : safety.get().reason();
        if (current >= settings.maxReplicas()) {
            evaluation.record("at_max_replicas", current + " replicas is maxReplicas " + settings.maxReplicas(), true);
            return CostAwarePolicy.hold(evaluation, Reason.AT_MAX_REPLICAS, "Scale-up wanted because " + why
                    + ", but the pool is already at maxReplicas " + settings.maxReplicas() + ", so the SLO is at risk.");
        }
        if (!demandDecides) {
            // Only the safety net wants this replica: the cooldown keeps it from stacking one per evaluation.
            Optional<Cooldowns.Block> cooldown = Cooldowns.scaleUp(evaluation);
            if (cooldown.isPresent()) {
                return CostAwarePolicy.coolingDown(evaluation, "Scale-up wanted because " + why, cooldown.get());
            }
        }
        int to = (int) Math.min(Math.min(desired, (long) current + settings.maxStepUp()), settings.maxReplicas());
        evaluation.record("step", "straight to " + desired + ", capped by maxStepUp "
                + StepSizer.stepCap(settings.maxStepUp()) + " gives " + to, true);
        return CostAwarePolicy.change(evaluation, Action.SCALE_UP, reason, to,
                "Scaling up from " + current + " to " + to + " replicas because " + why + ".");
    }

    private static Decision scaleDown(Evaluation evaluation, int desired, int target) {
        PolicySettings settings = evaluation.settings;
        int current = evaluation.replicas();
        String wanted = "Scale-down wanted because the pool needs " + target + " replicas (the most needed within the last "
                + HumanText.duration(settings.scaleDownCooldown()) + ")";
        List<Signal> missing = missing(evaluation);
        if (!missing.isEmpty()) {
            String absent = missing.stream().map(evaluation::describeAbsent).collect(Collectors.joining(", "));
            evaluation.record("blind", absent + ", so the pool does not scale down blind", true);
            return CostAwarePolicy.hold(evaluation, Reason.WITHIN_TARGET, wanted + ", but " + absent
                    + ", so the pool does not scale down blind.");
        }
        Optional<String> shortfall = CoverageQuorum.shortfall(evaluation);
        if (shortfall.isPresent()) {
            evaluation.record("low_coverage", shortfall.get(), true);
            return CostAwarePolicy.hold(evaluation, Reason.LOW_COVERAGE, wanted + ", but " + shortfall.get()
                    + ", so the pool does not scale down on a partial picture.");
        }
        Optional<Cooldowns.Block> cooldown = Cooldowns.scaleDownAfterScaleUp(evaluation);
        if (cooldown.isPresent()) {
            return CostAwarePolicy.coolingDown(evaluation, wanted, cooldown.get());
        }
        int to = (int) Math.max(Math.max(target, (long) current - settings.maxStepDown()), settings.minReplicas());
        evaluation.record("step", "down to " + target + ", capped by maxStepDown "
                + StepSizer.stepCap(settings.maxStepDown()) + " gives " + to, true);
        return CostAwarePolicy.change(evaluation, Action.SCALE_DOWN, Reason.EXCESS_CAPACITY, to,
                "Scaling down from " + current + " to " + to + " replicas because " + (current - to)
                        + " are more than the demand needs, saving "
                        + HumanText.money(CostAwarePolicy.savingsPerHour(settings, current, to)) + " per hour.");
    }

    /** Configured signals that are missing; for Adaptive the request rate is one. */
    static List<Signal> missing(Evaluation evaluation) {
        return MetricCoverage.missing(evaluation);
    }

    private static int bounded(PolicySettings settings, int sized) {
        return Math.max(settings.minReplicas(), Math.min(sized, settings.maxReplicas()));
    }

    private static String boundsNote(PolicySettings settings, int sized, int bounded) {
        return sized == bounded ? "" : ", kept within [" + settings.minReplicas() + ", " + settings.maxReplicas() + "] as " + bounded;
    }

    /** ceil that never overflows: a demand beyond 2^31 replicas is simply "more than max". */
    private static int ceil(double value) {
        double up = Math.ceil(value - CEIL_TOLERANCE);
        return (int) Math.min(Math.max(up, 0), Integer.MAX_VALUE);
    }

    private static String sentence(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
