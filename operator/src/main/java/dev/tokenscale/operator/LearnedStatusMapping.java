package dev.tokenscale.operator;

import dev.tokenscale.api.LearnedStatus;
import dev.tokenscale.policy.LearnedState;
import java.time.Instant;
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

    private LearnedStatusMapping() {}

    static LearnedStatus toStatus(LearnedState state) {
        LearnedStatus status = new LearnedStatus();
        status.setCapacityRequestsPerSecond(state.capacityRequestsPerSecond());
        status.setSamples(state.samples());
        status.setRecentSamples(state.recentSamples());
        status.setUpdatedTime(StatusComposer.rfc3339(state.updatedTime()));
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
