package dev.tokenscale.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Simulated time that runs {@code factor} times faster than a real clock, from a chosen start: a
 * traffic day played in minutes. Everything that must agree on the day (the emulated workers, the
 * operator's cooldowns, the recorder) reads the same instance.
 */
public final class CompressedClock extends Clock {

    private final Clock real;
    private final Instant realStart;
    private final Instant simulatedStart;
    private final double factor;

    public CompressedClock(Clock real, Instant simulatedStart, double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("factor must be a number above 0, got " + factor);
        }
        this.real = real;
        this.realStart = real.instant();
        this.simulatedStart = simulatedStart;
        this.factor = factor;
    }

    public double factor() {
        return factor;
    }

    /** How long the real clock takes to cover {@code simulated}. */
    public Duration realDuration(Duration simulated) {
        return Duration.ofNanos((long) (simulated.toNanos() / factor));
    }

    @Override
    public Instant instant() {
        long realNanos = Duration.between(realStart, real.instant()).toNanos();
        return simulatedStart.plusNanos((long) (realNanos * factor));
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
