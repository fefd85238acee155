package dev.tokenscale.policy;

/**
 * How many replicas a wanted scale-up or scale-down moves to: Step moves one, Proportional sizes the
 * pool for the target utilization. Both are capped by maxStepUp/maxStepDown and kept in [min, max].
 */
final class StepSizer {

    /** Float noise such as 2.0000000000000004 must not buy a whole extra GPU replica. */
    private static final double CEIL_TOLERANCE = 1e-9;

    private StepSizer() {}

    static int scaleUpTarget(Evaluation evaluation) {
        PolicySettings settings = evaluation.settings;
        int current = evaluation.replicas();
        // Only called below maxReplicas, so current + 1 fits; addExact says so loudly if that ever changes.
        int wanted = Math.addExact(current, 1);
        String basis = "Step adds 1";
        if (settings.stepPolicy() == StepPolicy.PROPORTIONAL) {
            var utilization = evaluation.value(Signal.UTILIZATION_PERCENT);
            if (utilization.isPresent()) {
                int sized = sizedForTarget(current, utilization.getAsDouble(), settings.targetPercent());
                wanted = Math.max(Math.addExact(current, 1), sized);
                basis = "Proportional: ceil(" + current + " x " + HumanText.percent(utilization.getAsDouble()) + " / "
                        + HumanText.percent(settings.targetPercent()) + ") = " + sized + ", at least +1";
            } else {
                basis = "Proportional without utilization adds 1";
            }
        }
        // long, so that a huge maxStepUp cannot wrap current + step past Integer.MAX_VALUE into a negative count.
        int capped = (int) Math.min(Math.min(wanted, (long) current + settings.maxStepUp()), settings.maxReplicas());
        evaluation.record("step", basis + "; capped by maxStepUp " + stepCap(settings.maxStepUp())
                + " and maxReplicas " + settings.maxReplicas() + " gives " + capped, true);
        return capped;
    }

    /** Called only once low utilization fired, so utilization is present. */
    static int scaleDownTarget(Evaluation evaluation) {
        PolicySettings settings = evaluation.settings;
        int current = evaluation.replicas();
        int wanted = current - 1;
        String basis = "Step removes 1";
        if (settings.stepPolicy() == StepPolicy.PROPORTIONAL) {
            double utilization = evaluation.value(Signal.UTILIZATION_PERCENT).orElseThrow();
            wanted = sizedForTarget(current, utilization, settings.targetPercent());
            basis = "Proportional: fewest replicas keeping utilization at or under " + HumanText.percent(settings.targetPercent())
                    + " is ceil(" + current + " x " + HumanText.percent(utilization) + " / "
                    + HumanText.percent(settings.targetPercent()) + ") = " + wanted;
        }
        int capped = (int) Math.max(Math.max(wanted, (long) current - settings.maxStepDown()), settings.minReplicas());
        evaluation.record("step", basis + "; capped by maxStepDown " + stepCap(settings.maxStepDown())
                + " and minReplicas " + settings.minReplicas() + " gives " + capped, capped < current);
        return capped;
    }

    /** "(unlimited)" for an unset cap, so the trail never shows 2147483647. */
    static String stepCap(int cap) {
        return cap == PolicySettings.UNLIMITED ? "(unlimited)" : String.valueOf(cap);
    }

    /**
     * The fewest replicas that carry today's load at no more than the target utilization. The cast
     * saturates at Integer.MAX_VALUE and the floor keeps it at zero or more, so no load, however
     * odd, yields a negative or wrapped count; the caller's caps bring it into [min, max].
     */
    static int sizedForTarget(int replicas, double utilizationPercent, double targetPercent) {
        double sized = Math.ceil(replicas * utilizationPercent / targetPercent - CEIL_TOLERANCE);
        return Double.isNaN(sized) ? replicas : (int) Math.max(0, sized);
    }
}
