package dev.tokenscale.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How many of the target's ready pods report metrics now. Averages taken over the pods that still
 * report look healthy when two of eight have gone silent, so the policy asks for a quorum before it
 * removes capacity: {@link Measured} below the pool's minimum coverage holds a scale-down, and so does
 * {@link Unknown} (the measurement itself failed). {@link NotMeasured} applies no quorum: the preset
 * has no per-pod series, or the reader knows no pod list.
 */
public sealed interface PodCoverage {

    static PodCoverage notMeasured(String why) {
        return new NotMeasured(why);
    }

    static PodCoverage unknown(String detail) {
        return new Unknown(detail);
    }

    /**
     * A ready pod reports when its newest sample is no older than {@code maxAge}; a pod without a
     * sample, or with an older one, is silent. Pods that report but are not ready (starting, or already
     * gone from the target) neither count nor help.
     *
     * @param newestSample the time of each pod's newest sample, by pod name
     */
    static PodCoverage measure(List<String> readyPods, Map<String, Instant> newestSample, Instant now, Duration maxAge) {
        Instant oldestFresh = now.minus(maxAge);
        List<String> silent = readyPods.stream()
                .filter(pod -> {
                    Instant sampled = newestSample.get(pod);
                    return sampled == null || sampled.isBefore(oldestFresh);
                })
                .sorted()
                .toList();
        return new Measured(readyPods.size(), silent);
    }

    /** The wire form in status and metrics: a percentage, or null when there is none. */
    default Double percentOrNull() {
        return this instanceof Measured m && m.readyPods() > 0 ? m.percent() : null;
    }

    /**
     * @param readyPods the target's ready pods, the pods expected to report
     * @param silentPods the ready pods without a fresh sample, sorted
     */
    record Measured(int readyPods, List<String> silentPods) implements PodCoverage {
        public Measured {
            silentPods = List.copyOf(silentPods);
            if (readyPods < 0 || silentPods.size() > readyPods) {
                throw new IllegalArgumentException("need 0 <= silent <= ready pods, got " + silentPods.size() + " of " + readyPods);
            }
        }

        public int reportingPods() {
            return readyPods - silentPods.size();
        }

        /** 100 when no pod is ready: nobody is expected to report, so nobody is missing. */
        public double percent() {
            return readyPods == 0 ? 100 : 100.0 * reportingPods() / readyPods;
        }
    }

    /** The per-pod query failed, so nobody knows how many pods report. */
    record Unknown(String detail) implements PodCoverage {
        public Unknown {
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** No quorum applies: the preset has no per-pod series, or there is no pod list to compare with. */
    record NotMeasured(String why) implements PodCoverage {
        public NotMeasured {
            Objects.requireNonNull(why, "why");
        }
    }
}
