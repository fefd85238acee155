package dev.tokenscale.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the Adaptive policy carries from one evaluation of a pool to the next. The policy reads a
 * value and returns the next; it never keeps one itself, so one {@link Adaptive} serves every pool.
 *
 * <p>{@link #learned()} must survive a restart (the operator keeps it in {@code status.learned}), and
 * so do the recent bursts and how long replicas take to serve, or a restart during bursty traffic
 * would drop the capacity held for the next burst ({@link #restored}). The rest is short-lived and
 * starts afresh: a fresh window holds the replicas of its first
 * evaluation, so a restarted operator waits one scale-down cooldown before it scales down, and
 * takes no capacity sample until the ready replicas have been seen unchanged for one signal window.
 *
 * @param lastReady the ready replicas of the previous evaluation; null before the first
 * @param readyChangedAt when the ready replicas were last seen to change, or first seen; null before the first
 * @param changeSeen whether {@code readyChangedAt} is a change this memory saw, rather than its first sight
 * @param recentDemand the demand of the last hour, for the room kept for a further rise
 * @param backlogSeenAt when a queue was last seen; its requests' latency stays in the signals for a window
 * @param sloHeadroom the room above the demand level learned from SLO outcomes; short-lived like the rest
 * @param bursts the bursts seen lately, for the capacity held while they recur
 * @param readyDelay how long the recent scale-ups took to serve
 */
public record AdaptiveMemory(LearnedState learned, DesiredWindow window, Integer lastReady, Instant readyChangedAt,
        boolean changeSeen, RecentDemand recentDemand, Instant backlogSeenAt, SloHeadroom sloHeadroom,
        BurstRecurrence bursts, ReadyDelay readyDelay) {

    public AdaptiveMemory {
        Objects.requireNonNull(learned, "learned");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(recentDemand, "recentDemand");
        Objects.requireNonNull(sloHeadroom, "sloHeadroom");
        Objects.requireNonNull(bursts, "bursts");
        Objects.requireNonNull(readyDelay, "readyDelay");
    }

    /** A memory without learned room, as before the room was learned. */
    public AdaptiveMemory(LearnedState learned, DesiredWindow window, Integer lastReady, Instant readyChangedAt,
            boolean changeSeen, RecentDemand recentDemand, Instant backlogSeenAt) {
        this(learned, window, lastReady, readyChangedAt, changeSeen, recentDemand, backlogSeenAt, SloHeadroom.NONE,
                BurstRecurrence.NONE, ReadyDelay.NONE);
    }

    /** A pool seen for the first time, with what it learned before (or {@link LearnedState#NONE}). */
    public static AdaptiveMemory fresh(LearnedState learned) {
        return new AdaptiveMemory(learned, DesiredWindow.EMPTY, null, null, false, RecentDemand.EMPTY, null, SloHeadroom.NONE,
                BurstRecurrence.NONE, ReadyDelay.NONE);
    }

    /** A pool seen for the first time since a restart, with what it learned and the bursts it saw before. */
    public static AdaptiveMemory restored(LearnedState learned, List<BurstRecurrence.Burst> bursts, ReadyDelay readyDelay) {
        return fresh(learned).withBursts(BurstRecurrence.seen(bursts))
                .withReadyDelay(readyDelay);
    }

    private AdaptiveMemory withReadyDelay(ReadyDelay delay) {
        return new AdaptiveMemory(learned, window, lastReady, readyChangedAt, changeSeen, recentDemand, backlogSeenAt, sloHeadroom, bursts, delay);
    }

    public AdaptiveMemory withLearned(LearnedState newLearned) {
        return new AdaptiveMemory(newLearned, window, lastReady, readyChangedAt, changeSeen, recentDemand, backlogSeenAt, sloHeadroom, bursts, readyDelay);
    }

    AdaptiveMemory withWindow(DesiredWindow newWindow) {
        return new AdaptiveMemory(learned, newWindow, lastReady, readyChangedAt, changeSeen, recentDemand, backlogSeenAt, sloHeadroom, bursts, readyDelay);
    }

    AdaptiveMemory withRecentDemand(RecentDemand demand) {
        return new AdaptiveMemory(learned, window, lastReady, readyChangedAt, changeSeen, demand, backlogSeenAt, sloHeadroom, bursts, readyDelay);
    }

    AdaptiveMemory withSloHeadroom(SloHeadroom headroom) {
        return new AdaptiveMemory(learned, window, lastReady, readyChangedAt, changeSeen, recentDemand, backlogSeenAt, headroom, bursts, readyDelay);
    }

    AdaptiveMemory withBursts(BurstRecurrence seen) {
        return new AdaptiveMemory(learned, window, lastReady, readyChangedAt, changeSeen, recentDemand, backlogSeenAt, sloHeadroom, seen, readyDelay);
    }

    /**
     * Notes the ready replicas seen now; the first sight counts as a change, since nothing is known
     * before it. A rise measures how long the last scale-up ({@code lastScaleUp}, null for none) took to serve.
     */
    AdaptiveMemory observeReady(int ready, Instant lastScaleUp, Instant now) {
        if (lastReady != null && lastReady == ready) {
            return this;
        }
        ReadyDelay delay = lastReady != null && ready > lastReady ? readyDelay.readyRose(now, lastScaleUp) : readyDelay;
        return new AdaptiveMemory(learned, window, ready, now, lastReady != null, recentDemand, backlogSeenAt, sloHeadroom, bursts, delay);
    }

    /** Notes a queue seen now. */
    AdaptiveMemory observeBacklog(Instant now) {
        return new AdaptiveMemory(learned, window, lastReady, readyChangedAt, changeSeen, recentDemand, now, sloHeadroom, bursts, readyDelay);
    }

    /**
     * Whether a queue was seen within {@code window}: the latency of its requests is still in the
     * signals, so a breach says nothing about the load the replicas can take.
     */
    boolean backlogWithin(Duration signalWindow, Instant now) {
        // Inclusive: a queue seen at the window's start was drained during it, inflating utilization.
        return backlogSeenAt != null && !backlogSeenAt.plus(signalWindow).isBefore(now);
    }

    /** Whether the ready replicas have been the same for at least {@code window} before {@code now}. */
    boolean readyStableFor(Duration signalWindow, Instant now) {
        return readyChangedAt != null && !readyChangedAt.plus(signalWindow).isAfter(now) && lastReady != null;
    }

    /**
     * Whether the ready replicas were seen to change within {@code window}, so the signals may still
     * describe the old count. A first sight is not a change: after a restart the safety net acts at once.
     */
    boolean readyJustChanged(Duration signalWindow, Instant now) {
        return changeSeen && readyChangedAt != null && readyChangedAt.plus(signalWindow).isAfter(now);
    }
}
