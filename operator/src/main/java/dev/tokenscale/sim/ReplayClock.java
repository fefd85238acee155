package dev.tokenscale.sim;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The simulated time a replay hands to the policy, so cooldowns run on the replayed day and not on
 * the wall clock. The replay sets it before each step; it never moves on its own.
 */
public final class ReplayClock extends Clock {

    private Instant now;

    public ReplayClock(Instant start) {
        this.now = start;
    }

    public void set(Instant instant) {
        this.now = instant;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
