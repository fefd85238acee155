package dev.tokenscale.operator;

import dev.tokenscale.api.InferencePool;
import dev.tokenscale.api.PoolMode;
import dev.tokenscale.policy.Action;
import dev.tokenscale.policy.Decision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per evaluation, at INFO only when it says something new: a scale, or a hold whose
 * reason or replica counts differ from the last line logged for the pool. A pool that holds for the
 * same reason evaluation after evaluation logs at DEBUG, so 3,000 steady pools do not write 200 lines
 * a second; status, Events and /metrics record every evaluation regardless.
 */
final class DecisionLog {

    private static final Logger LOG = LoggerFactory.getLogger(InferencePoolReconciler.class);

    private DecisionLog() {}

    static void log(InferencePool pool, PoolSettings settings, Evaluation e, PoolMemory.Entry remembered) {
        Decision d = e.decision();
        String key = key(settings, e);
        boolean news = d.action() != Action.NONE || !key.equals(remembered.lastLoggedDecision);
        if (news ? !LOG.isInfoEnabled() : !LOG.isDebugEnabled()) {
            return;
        }
        String line = String.format("pool %s/%s [%s]: %s %d -> %d (%s)%s: %s", pool.getMetadata().getNamespace(),
                pool.getMetadata().getName(), settings.mode() == PoolMode.AUTO ? "Auto" : "Recommend", d.action().key(),
                d.from(), d.to(), d.reason().key(), e.applied() ? ", applied" : "", d.message());
        if (news) {
            LOG.info(line);
            remembered.lastLoggedDecision = key;
        } else {
            LOG.debug(line);
        }
    }

    /** What makes a line new; the message is left out because it carries the signals' values, which move every time. */
    static String key(PoolSettings settings, Evaluation e) {
        Decision d = e.decision();
        return settings.mode() + " " + d.action().key() + " " + d.from() + "->" + d.to() + " " + d.reason().key()
                + (e.applied() ? " applied" : "");
    }
}
