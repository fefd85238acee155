package dev.tokenscale.policy;

/**
 * Room the Adaptive policy keeps above its demand level, learned from the pool's own SLO outcomes:
 * demand that jitters from minute to minute (real traffic, not noisy metrics) breaches a pool sized
 * for its level, and no reading of the level says by how much.
 *
 * <p>It tracks the share of room that keeps breaches to {@value #TARGET_BREACH_SHARE} of the
 * evaluations, by stochastic approximation: each evaluation that breached the SLO while every
 * replica ordered was serving (a sizing miss, not a cold start) adds {@value #GAIN} × (1 − p); each
 * other evaluation with demand takes away {@value #GAIN} × p, with p = {@value #TARGET_BREACH_SHARE}.
 * The room settles where breaches happen p of the time: none on a pool whose demand is as smooth as
 * its level (metrics noise alone never breaches), more on one whose demand jitters. Each miss adds
 * about 5% of demand; without misses the room shrinks by 1.8% of demand an hour at a 15 s interval,
 * so it is relearned within hours when the traffic calms down. It never exceeds {@value #MAX}.
 *
 * @param share the room as a share of the demand level: 0.1 keeps 10% more
 */
public record SloHeadroom(double share) {

    static final double GAIN = 0.05;
    static final double TARGET_BREACH_SHARE = 0.0015;
    static final double MAX = 0.5;

    public static final SloHeadroom NONE = new SloHeadroom(0);

    public SloHeadroom {
        if (!(share >= 0 && share <= MAX)) {
            throw new IllegalArgumentException("share must be within [0, " + MAX + "], got " + share);
        }
    }

    /** After an evaluation that breached the SLO with every ordered replica serving. */
    public SloHeadroom afterMiss() {
        return new SloHeadroom(Math.min(MAX, share + GAIN * (1 - TARGET_BREACH_SHARE)));
    }

    /** After an evaluation with demand and no such breach. */
    public SloHeadroom afterHold() {
        return new SloHeadroom(Math.max(0, share - GAIN * TARGET_BREACH_SHARE));
    }
}
