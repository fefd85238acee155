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

    /** @param resourceVersion the workload's resourceVersion after the write; null while it is in flight */
    private record Pending(int replicas, String resourceVersion) {}

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    static String key(String namespace, String apiVersion, String kind, String name) {
        return namespace + "/" + apiVersion + "/" + kind + "/" + name;
    }

    /** Called before the write, so the watch event it causes can never arrive first. */
    void expect(String workload, int replicas) {
        pending.put(workload, new Pending(replicas, null));
    }

    /** The write is done; the workload's versions up to this one are the write or older. */
    void wrote(String workload, int replicas, String resourceVersion) {
        pending.computeIfPresent(workload, (k, p) -> p.replicas() == replicas ? new Pending(replicas, resourceVersion) : p);
    }

    /** The write did not happen after all. */
    void cancel(String workload, int replicas) {
        pending.computeIfPresent(workload, (k, p) -> p.replicas() == replicas ? null : p);
    }

    boolean pending(String workload) {
        return pending.containsKey(workload);
    }

    /**
     * Whether the change from {@code before} to {@code now} (the workload at {@code resourceVersion})
     * is the operator's own doing: a version from before its write arriving late, or a step toward
     * the written count. A newer spec with another count means someone else scaled it: the write is
     * no longer pending.
     */
    boolean explains(String workload, String resourceVersion, ScalePaths.Figures before, ScalePaths.Figures now) {
        Pending write = pending.get(workload);
        if (write == null) {
            return false;
        }
        if (now.specReplicas() != write.replicas()) {
            if (olderThanWrite(resourceVersion, write)) {
                return true;
            }
            pending.remove(workload, write);
            return false;
        }
        int written = write.replicas();
        return now.selector().equals(before.selector())
                && Math.abs(now.statusReplicas() - written) <= Math.abs(before.statusReplicas() - written)
                && (now.readyReplicas() == null || before.readyReplicas() == null
                        || Math.abs(now.readyReplicas() - written) <= Math.abs(before.readyReplicas() - written));
    }

    /** An evaluation saw the workload where the write asked for it: its later changes are news again. */
    void settle(String workload, int specReplicas, int statusReplicas, int readyReplicas) {
        Pending write = pending.get(workload);
        if (write != null && specReplicas == write.replicas() && statusReplicas == write.replicas()
                && readyReplicas == write.replicas()) {
            pending.remove(workload, write);
        }
    }

    /**
     * While the write is in flight every other count is from before it. After it, the API server's
     * resourceVersions of one object grow (etcd revisions); one that is not a number is taken as newer.
     */
    private static boolean olderThanWrite(String resourceVersion, Pending write) {
        if (write.resourceVersion() == null) {
            return true;
        }
        try {
            return Long.parseLong(resourceVersion) < Long.parseLong(write.resourceVersion());
        } catch (NumberFormatException | NullPointerException e) {
            return false;
        }
    }
}
