package dev.tokenscale.operator;

import dev.tokenscale.api.LearnedStatus;
import dev.tokenscale.forecast.ColdStartWatch;
import dev.tokenscale.policy.LearnedState;
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
        LearnedStatus status = new LearnedStatus();
        if (learned != null) {
            status.setCapacityRequestsPerSecond(learned.getCapacityRequestsPerSecond());
            status.setSamples(learned.getSamples());
            status.setRecentSamples(learned.getRecentSamples());
            status.setUpdatedTime(learned.getUpdatedTime());
        }
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

    /** The measured cold starts status.learned keeps, seeded by the spec's hint; none when unreadable. */
    static ColdStartWatch coldStarts(LearnedStatus status, Duration hint) {
        if (status == null || status.getRecentColdStartSeconds() == null) {
            return new ColdStartWatch(hint);
        }
        List<Duration> recent = new ArrayList<>();
        for (Double seconds : status.getRecentColdStartSeconds()) {
            if (seconds == null || !(seconds >= 0) || seconds > MAX_COLD_START_SECONDS) {
                LOG.warn("status.learned.recentColdStartSeconds holds {}, which is no cold start; the pool measures afresh", seconds);
                return new ColdStartWatch(hint);
            }
            recent.add(Duration.ofMillis(Math.round(seconds * 1000)));
        }
        long samples = status.getColdStartSamples() == null ? recent.size() : Math.max(0, status.getColdStartSamples());
        return new ColdStartWatch(hint, recent, samples);
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
