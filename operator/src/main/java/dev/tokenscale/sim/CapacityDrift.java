package dev.tokenscale.sim;

import java.util.SplittableRandom;

/**
 * What one replica can serve wanders over the day, as the mix of prompts does: long documents at
 * night, short chat turns in the afternoon. The factor on nominal capacity at time t is
 * {@code 1 + d × (0.6 × cos(2π (t − 15 h) / 24 h) + 0.4 × w(t))}: a daily swing, lowest at 03:00
 * and highest at 15:00, plus a smooth wander w(t), the mean of three sines of periods 5 h, 2 h and
 * 47 min whose phases come from the seed. |shape| ≤ 1, so the factor stays within [1 − d, 1 + d].
 */
public final class CapacityDrift {

    private static final double DAY_SECONDS = 86_400;
    private static final double BEST_HOUR = 15;
    private static final double[] WANDER_PERIOD_SECONDS = {5 * 3600, 2 * 3600, 47 * 60};

    private final double amplitude;
    private final double[] wanderPhase = new double[WANDER_PERIOD_SECONDS.length];

    public CapacityDrift(ReplayConditions conditions) {
        this.amplitude = conditions.capacityDriftPercent() / 100;
        SplittableRandom random = new SplittableRandom(conditions.seed() ^ 0x5DEECE66DL);
        for (int i = 0; i < wanderPhase.length; i++) {
            wanderPhase[i] = random.nextDouble() * 2 * Math.PI;
        }
    }

    /** The factor on nominal capacity at {@code seconds} since a midnight. */
    public double factorAt(double seconds) {
        if (amplitude == 0) {
            return 1;
        }
        double daily = Math.cos(2 * Math.PI * (seconds - BEST_HOUR * 3600) / DAY_SECONDS);
        double wander = 0;
        for (int i = 0; i < wanderPhase.length; i++) {
            wander += Math.sin(2 * Math.PI * seconds / WANDER_PERIOD_SECONDS[i] + wanderPhase[i]);
        }
        wander /= wanderPhase.length;
        return 1 + amplitude * (0.6 * daily + 0.4 * wander);
    }
}
