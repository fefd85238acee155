package dev.tokenscale.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Simulated time that runs {@code factor} times faster than a real clock, from a chosen start: a
 * traffic day played in minutes. Everything that must agree on the day (the emulated workers, the
 * operator's cooldowns, the recorder) reads the same instance. It stands at its start until
 * {@link #start()}, so the time the operator takes to come up is not taken from the day.
 */
public final class CompressedClock extends Clock {

    private final Clock real;
    private volatile Instant realStart;
    private final Instant simulatedStart;
    private final double factor;

    public CompressedClock(Clock real, Instant simulatedStart, double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("factor must be a number above 0, got " + factor);
        }
        this.real = real;
        this.simulatedStart = simulatedStart;
        this.factor = factor;
    }

    /** Lets simulated time run from now on. */
    public void start() {
        realStart = real.instant();
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
        Instant started = realStart;
        if (started == null) {
            return simulatedStart;
        }
        long realNanos = Duration.between(started, real.instant()).toNanos();
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
