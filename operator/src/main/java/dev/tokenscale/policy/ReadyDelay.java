package dev.tokenscale.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How long this pool's recent scale-ups took to serve: from the last scale-up's order to the moment
 * the ready replicas were seen to rise. The Adaptive policy needs it to size a hold for bursts
 * ({@link BurstRecurrence}): a replica ordered when a burst shows serves this much later, so only
 * capacity already held serves a burst shorter than that. Short-lived, like the rest of {@link
 * AdaptiveMemory}: a restarted operator measures again at the next scale-up. Bounded: the last
 * {@value #RECENT} delays.
 *
 * @param recent the last delays measured, oldest first
 */
public record ReadyDelay(List<Duration> recent) {

    static final int RECENT = 5;
    /** A rise this long after the last order is no cold start of it (a pod restarted, a node came back). */
    public static final Duration LONGEST = Duration.ofMinutes(30);

    public static final ReadyDelay NONE = new ReadyDelay(List.of());

    public ReadyDelay {
        recent = List.copyOf(recent);
        if (recent.size() > RECENT) {
            recent = recent.subList(recent.size() - RECENT, recent.size());
        }
    }

    /** The ready replicas rose at {@code now}; {@code lastScaleUp} is the pool's last scale-up, if any. */
    ReadyDelay readyRose(Instant now, Instant lastScaleUp) {
        if (lastScaleUp == null) {
            return this;
        }
        Duration delay = Duration.between(lastScaleUp, now);
        if (delay.isNegative() || delay.isZero() || delay.compareTo(LONGEST) > 0) {
            return this;
        }
        List<Duration> next = new ArrayList<>(recent.size() + 1);
        next.addAll(recent);
        next.add(delay);
        return new ReadyDelay(next);
    }

    /** The median of the recent delays (the longer middle one of an even count); empty before the first. */
    public Optional<Duration> estimate() {
        if (recent.isEmpty()) {
            return Optional.empty();
        }
        List<Duration> sorted = new ArrayList<>(recent);
        sorted.sort(null);
        return Optional.of(sorted.get(sorted.size() / 2));
    }
}
