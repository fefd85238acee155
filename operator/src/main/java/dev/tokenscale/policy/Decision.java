package dev.tokenscale.policy;

import java.util.List;

/**
 * What the policy decided, and the trail of rules it checked on the way (for {@code explain}).
 *
 * @param estimatedSavingsPerHour (from − to) × gpusPerReplica × gpuHourlyCost on a scale-down, else 0; with the
 *     operator's settings that price includes the overhead, so this is the drop in the pool's hourly cost
 */
public record Decision(
        Action action,
        Reason reason,
        int from,
        int to,
        double estimatedSavingsPerHour,
        String message,
        List<RuleCheck> checks) {

    public Decision {
        checks = List.copyOf(checks);
    }

    /** The same decision with a sentence added to its message, e.g. about an input that was corrected. */
    public Decision withNote(String note) {
        return new Decision(action, reason, from, to, estimatedSavingsPerHour, message + " " + note, checks);
    }

    public boolean changesReplicas() {
        return from != to;
    }
}
