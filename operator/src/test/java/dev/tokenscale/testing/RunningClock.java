package dev.tokenscale.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Real time plus an offset a test can push forward. Tests against a real Prometheus need a clock that
 * runs, since Prometheus scrapes in real time; jumping it lets a test put an emulated pool into a
 * state (say, a backlog of 100 requests) at once instead of waiting for it.
 */
public final class RunningClock extends Clock {

    private final Clock base = Clock.systemUTC();
    private volatile Duration offset = Duration.ZERO;

    public synchronized void jump(Duration duration) {
        offset = offset.plus(duration);
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset);
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
