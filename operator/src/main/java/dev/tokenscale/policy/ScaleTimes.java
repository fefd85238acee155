package dev.tokenscale.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Guards the cooldowns against a last-scale time in the future: clock skew between nodes, or a
 * hand-edited status. A time within {@link #CLOCK_SKEW_ALLOWANCE} of now is used as it is; a later
 * one is treated as now, so a lastScaleUpTime in 2099 costs one cooldown instead of 73 years.
 */
public final class ScaleTimes {

    public static final Duration CLOCK_SKEW_ALLOWANCE = Duration.ofSeconds(60);

    /** The state with future times replaced by now, and one sentence per replaced field. */
    public record Checked(ScalingState state, List<String> warnings) {

        public Checked {
            warnings = List.copyOf(warnings);
        }
    }

    private ScaleTimes() {}

    public static Checked check(ScalingState state, Instant now) {
        List<String> warnings = new ArrayList<>();
        Instant up = sane("lastScaleUpTime", state.lastScaleUpTime(), now, warnings);
        Instant down = sane("lastScaleDownTime", state.lastScaleDownTime(), now, warnings);
        if (warnings.isEmpty()) {
            return new Checked(state, warnings);
        }
        return new Checked(new ScalingState(state.replicas(), state.readyReplicas(), up, down), warnings);
    }

    private static Instant sane(String field, Instant time, Instant now, List<String> warnings) {
        // between(), not now.plus(): now may be Instant.MAX itself, where plus() overflows.
        if (time == null || Duration.between(now, time).compareTo(CLOCK_SKEW_ALLOWANCE) <= 0) {
            return time;
        }
        warnings.add(field + " " + time + " is " + ahead(Duration.between(now, time))
                + " in the future, beyond the " + HumanText.duration(CLOCK_SKEW_ALLOWANCE)
                + " clock-skew allowance, so it is treated as now");
        return now;
    }

    /** Days for anything long: toMillis() itself overflows for a time near Instant.MAX. */
    private static String ahead(Duration duration) {
        long days = duration.toDays();
        return days >= 2 ? days + " days" : HumanText.duration(duration);
    }
}
