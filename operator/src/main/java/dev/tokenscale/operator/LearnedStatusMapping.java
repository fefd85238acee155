package dev.tokenscale.operator;

import dev.tokenscale.api.LearnedBurst;
import dev.tokenscale.api.LearnedStatus;
import dev.tokenscale.forecast.ColdStartWatch;
import dev.tokenscale.policy.BurstRecurrence;
import dev.tokenscale.policy.LearnedState;
import dev.tokenscale.policy.ReadyDelay;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code status.learned}, the one store of what a pool learned, to and from the policy's
 * {@link LearnedState}. Status can be edited by hand, so what cannot be read is dropped with a
 * warning and the pool learns afresh, rather than the evaluation failing.
 */
public final class LearnedStatusMapping {

    private static final Logger LOG = LoggerFactory.getLogger(LearnedStatusMapping.class);

    /** A day: anything longer in status was not measured by the operator. */
    static final double MAX_COLD_START_SECONDS = 86_400;

    private LearnedStatusMapping() {}

    static LearnedStatus toStatus(LearnedState state) {
        LearnedStatus status = new LearnedStatus();
        status.setCapacityRequestsPerSecond(state.capacityRequestsPerSecond());
        status.setSamples(state.samples());
        status.setRecentSamples(state.recentSamples());
        status.setUpdatedTime(StatusComposer.rfc3339(state.updatedTime()));
        return status;
    }

    /**
     * status.learned with the lead time and the forecast error of {@code view} written in; a copy, so
     * the informer's object is never changed. Null when there is nothing to write.
     */
    static LearnedStatus withForecast(LearnedStatus learned, ForecastView view) {
        if (view == null) {
            return learned;
        }
        LearnedStatus status = copy(learned);
        status.setColdStartSeconds(seconds(view.coldStart()));
        status.setColdStartSamples(view.coldStartSamples());
        status.setRecentColdStartSeconds(view.recentColdStarts().isEmpty() ? null
                : view.recentColdStarts().stream().map(LearnedStatusMapping::seconds).toList());
        Double error = view.errorPercent();
        status.setForecastErrorPercent(error == null ? null : StatusRounding.tenths(error));
        return status;
    }

    private static Double seconds(Duration duration) {
        return StatusRounding.tenths(duration.toMillis() / 1000.0);
    }

    private static Duration duration(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    /** The measured cold starts status.learned keeps, seeded by the spec's hint; none when unreadable. */
    static ColdStartWatch coldStarts(LearnedStatus status, Duration hint) {
        if (status == null || status.getRecentColdStartSeconds() == null) {
            return new ColdStartWatch(hint);
        }
        List<Duration> recent;
        try {
            recent = recentColdStarts(status);
        } catch (IllegalArgumentException e) {
            LOG.warn("status.learned.recentColdStartSeconds holds {}, which is no cold start; the pool measures afresh", e.getMessage());
            return new ColdStartWatch(hint);
        }
        long samples = status.getColdStartSamples() == null ? recent.size() : Math.max(0, status.getColdStartSamples());
        return new ColdStartWatch(hint, recent, samples);
    }

    /**
     * status.learned.recentColdStartSeconds as durations, oldest first; empty when unset.
     *
     * @throws IllegalArgumentException naming the first entry that is no cold start (missing, negative, over a day)
     */
    private static List<Duration> recentColdStarts(LearnedStatus status) {
        if (status == null || status.getRecentColdStartSeconds() == null) {
            return List.of();
        }
        List<Duration> recent = new ArrayList<>();
        for (Double seconds : status.getRecentColdStartSeconds()) {
            if (seconds == null || !(seconds >= 0) || seconds > MAX_COLD_START_SECONDS) {
                throw new IllegalArgumentException(String.valueOf(seconds));
            }
            recent.add(duration(seconds));
        }
        return recent;
    }

    /**
     * status.learned with the Adaptive policy's recent bursts written in (none: the field unset); a
     * copy, so the informer's object is never changed. Null when there is nothing to write.
     */
    static LearnedStatus withBursts(LearnedStatus learned, List<BurstRecurrence.Burst> bursts) {
        if (learned == null && bursts.isEmpty()) {
            return null;
        }
        LearnedStatus status = copy(learned);
        status.setRecentBursts(bursts.isEmpty() ? null : bursts.stream().map(LearnedStatusMapping::toStatus).toList());
        return status;
    }

    private static LearnedBurst toStatus(BurstRecurrence.Burst burst) {
        LearnedBurst status = new LearnedBurst();
        status.setStart(StatusComposer.rfc3339(burst.start()));
        status.setEnd(StatusComposer.rfc3339(burst.end()));
        status.setDurationSeconds(seconds(burst.duration()));
        status.setWorkReplicaSeconds(StatusRounding.tenths(burst.workReplicaSeconds()));
        return status;
    }

    /**
     * The bursts status.learned keeps, the last {@link BurstRecurrence#RECENT} of them; none when
     * there are none or one cannot be read (the pool then sees bursts afresh).
     */
    public static List<BurstRecurrence.Burst> bursts(LearnedStatus status) {
        if (status == null || status.getRecentBursts() == null) {
            return List.of();
        }
        List<LearnedBurst> stored = status.getRecentBursts();
        List<BurstRecurrence.Burst> bursts = new ArrayList<>();
        try {
            for (LearnedBurst burst : stored.subList(Math.max(0, stored.size() - BurstRecurrence.RECENT), stored.size())) {
                Instant start = StatusComposer.parseTime(burst.getStart());
                Instant end = StatusComposer.parseTime(burst.getEnd());
                Double durationSeconds = burst.getDurationSeconds();
                if (start == null || end == null || end.isBefore(start) || durationSeconds == null || !(durationSeconds >= 0)
                        || durationSeconds > MAX_COLD_START_SECONDS || burst.getWorkReplicaSeconds() == null) {
                    throw new IllegalArgumentException("a burst needs start <= end, durationSeconds within [0, 86400]"
                            + " and workReplicaSeconds");
                }
                bursts.add(new BurstRecurrence.Burst(start, burst.getWorkReplicaSeconds(), duration(durationSeconds), end));
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            LOG.warn("status.learned.recentBursts cannot be read, the pool sees bursts afresh: {}", e.getMessage());
            return List.of();
        }
        return bursts;
    }

    /**
     * How long the pool's replicas took to serve, from the cold starts status.learned keeps (the last
     * five), so a restarted operator knows when a replica ordered now would serve.
     */
    public static ReadyDelay readyDelay(LearnedStatus status) {
        List<Duration> delays;
        try {
            delays = recentColdStarts(status);
        } catch (IllegalArgumentException e) {
            // coldStarts(..) warns about the same field; one warning is enough.
            return ReadyDelay.NONE;
        }
        // A delay ReadyDelay would not have measured (none, or longer than its LONGEST) is no ready delay.
        boolean measurable = delays.stream().allMatch(d -> d.compareTo(Duration.ZERO) > 0 && d.compareTo(ReadyDelay.LONGEST) <= 0);
        return measurable ? new ReadyDelay(delays) : ReadyDelay.NONE;
    }

    private static LearnedStatus copy(LearnedStatus learned) {
        LearnedStatus status = new LearnedStatus();
        if (learned != null) {
            status.setCapacityRequestsPerSecond(learned.getCapacityRequestsPerSecond());
            status.setSamples(learned.getSamples());
            status.setRecentSamples(learned.getRecentSamples());
            status.setUpdatedTime(learned.getUpdatedTime());
            status.setColdStartSeconds(learned.getColdStartSeconds());
            status.setColdStartSamples(learned.getColdStartSamples());
            status.setRecentColdStartSeconds(learned.getRecentColdStartSeconds());
            status.setForecastErrorPercent(learned.getForecastErrorPercent());
            status.setRecentBursts(learned.getRecentBursts());
        }
        return status;
    }

    public static LearnedState toState(LearnedStatus status) {
        if (status == null || status.getCapacityRequestsPerSecond() == null) {
            return LearnedState.NONE;
        }
        try {
            Instant updated = StatusComposer.parseTime(status.getUpdatedTime());
            long samples = status.getSamples() == null ? 0 : status.getSamples();
            List<Double> recent = status.getRecentSamples();
            if (recent == null || recent.isEmpty()) {
                return LearnedState.restored(status.getCapacityRequestsPerSecond(), samples, updated);
            }
            return new LearnedState(status.getCapacityRequestsPerSecond(), Math.max(samples, recent.size()), recent, updated);
        } catch (IllegalArgumentException | NullPointerException e) {
            LOG.warn("status.learned cannot be read, the pool learns afresh: {}", e.getMessage());
            return LearnedState.NONE;
        }
    }

    /** Whether {@code a} was updated after {@code b}; a state never updated is older than any other. */
    static boolean isNewer(LearnedState a, LearnedState b) {
        if (a.updatedTime() == null) {
            return false;
        }
        return b.updatedTime() == null || a.updatedTime().isAfter(b.updatedTime());
    }
}
