package dev.tokenscale.sim;

import java.util.ArrayDeque;

/**
 * The replicas one strategy holds during a replay: ready ones, and new ones that start serving only
 * once the cold start has passed. A scale-down removes starting replicas first, newest first, as
 * Kubernetes' ReplicaSet controller deletes pods that are not ready before ready ones.
 */
final class ReplicaFleet {

    private final long coldStartMillis;
    private final ArrayDeque<Long> readyAtMillis = new ArrayDeque<>();
    private int ready;

    ReplicaFleet(int initiallyReady, long coldStartMillis) {
        this.ready = initiallyReady;
        this.coldStartMillis = coldStartMillis;
    }

    int replicas() {
        return ready + readyAtMillis.size();
    }

    int ready() {
        return ready;
    }

    void advanceTo(long nowMillis) {
        while (!readyAtMillis.isEmpty() && readyAtMillis.peekFirst() <= nowMillis) {
            readyAtMillis.pollFirst();
            ready++;
        }
    }

    void scaleTo(int target, long nowMillis) {
        while (replicas() < target) {
            readyAtMillis.addLast(nowMillis + coldStartMillis);
        }
        while (replicas() > target) {
            if (!readyAtMillis.isEmpty()) {
                readyAtMillis.pollLast();
            } else {
                ready--;
            }
        }
        advanceTo(nowMillis);
    }
}
