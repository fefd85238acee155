package dev.tokenscale.operator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The replica counts this operator last wrote through /scale, per workload, until the workload has
 * reached them. A workload moving toward the operator's own write (its spec taking the new count,
 * pods being created or removed and becoming ready) is what the pool's evaluation already decided
 * and waits for; re-evaluating on each of those steps would only replace the decision the pool just
 * made with a cooldown hold. Anything else (a {@code kubectl scale}, another controller's write, a
 * pod failing) moves the workload away from the write and re-evaluates the pool at once.
 */
final class OwnScaleWrites {

    private final Map<String, Integer> pending = new ConcurrentHashMap<>();

    static String key(String namespace, String apiVersion, String kind, String name) {
        return namespace + "/" + apiVersion + "/" + kind + "/" + name;
    }

    /** Called before the write, so the watch event it causes can never arrive first. */
    void expect(String workload, int replicas) {
        pending.put(workload, replicas);
    }

    /** The write did not happen after all. */
    void cancel(String workload, int replicas) {
        pending.remove(workload, replicas);
    }

    boolean pending(String workload) {
        return pending.containsKey(workload);
    }

    /**
     * Whether the change from {@code before} to {@code now} only moves the workload toward the
     * operator's pending write. A spec that leaves the written count means someone else scaled it:
     * the write is no longer pending.
     */
    boolean explains(String workload, ScalePaths.Figures before, ScalePaths.Figures now) {
        Integer written = pending.get(workload);
        if (written == null) {
            return false;
        }
        if (now.specReplicas() != written) {
            pending.remove(workload, written);
            return false;
        }
        return now.selector().equals(before.selector())
                && Math.abs(now.statusReplicas() - written) <= Math.abs(before.statusReplicas() - written)
                && (now.readyReplicas() == null || before.readyReplicas() == null
                        || Math.abs(now.readyReplicas() - written) <= Math.abs(before.readyReplicas() - written));
    }

    /** An evaluation saw the workload where the write asked for it: its later changes are news again. */
    void settle(String workload, int specReplicas, int statusReplicas, int readyReplicas) {
        Integer written = pending.get(workload);
        if (written != null && specReplicas == written && statusReplicas == written && readyReplicas == written) {
            pending.remove(workload, written);
        }
    }
}
