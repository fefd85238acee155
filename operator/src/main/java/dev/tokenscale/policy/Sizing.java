package dev.tokenscale.policy;

/**
 * The Adaptive policy's arithmetic for one evaluation, for {@code explain}, status and metrics.
 *
 * @param demandRps requests per second to serve: the request rate plus the visible queue drained
 *     over the scale-up cooldown; null when the request rate is missing
 * @param capacityRps requests per second one replica serves at 100% utilization; null without one
 * @param capacitySource where {@code capacityRps} came from
 * @param samples capacity samples learned so far
 * @param targetPercent the utilization the pool is sized for
 * @param desired the replicas the pool should have now, within the bounds; null when nothing could be sized
 * @param windowMax the highest desired count of the last scale-down cooldown; the floor of a scale-down
 */
public record Sizing(
        Double demandRps,
        Double capacityRps,
        CapacitySource capacitySource,
        long samples,
        double targetPercent,
        Integer desired,
        Integer windowMax) {}
