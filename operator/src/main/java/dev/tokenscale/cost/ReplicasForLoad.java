package dev.tokenscale.cost;

/**
 * The seed's sizing rule {@code int(rps / 20) + 1}, with the 20 rps a replica serves made a
 * parameter. It always keeps one replica of headroom, even at an exact multiple.
 */
public final class ReplicasForLoad {

    private ReplicasForLoad() {}

    public static int of(double rps, double rpsPerReplica) {
        if (!(rpsPerReplica > 0) || !Double.isFinite(rpsPerReplica)) {
            throw new IllegalArgumentException("rpsPerReplica must be a finite number above 0, got " + rpsPerReplica);
        }
        return (int) Math.floor(rps / rpsPerReplica) + 1;
    }
}
