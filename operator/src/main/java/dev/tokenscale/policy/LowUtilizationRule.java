package dev.tokenscale.policy;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Rule 5: utilization below scaleDownBelowPercent scales down, but only when every configured
 * signal is there (present or idle): a pool never scales down blind. The earlier rules already
 * established that no SLO is violated.
 */
final class LowUtilizationRule implements ScalingRule {

    @Override
    public String name() {
        return "low_utilization";
    }

    @Override
    public Optional<Want> evaluate(Evaluation evaluation) {
        double threshold = evaluation.settings.scaleDownBelowPercent();
        var utilization = evaluation.value(Signal.UTILIZATION_PERCENT);
        if (utilization.isEmpty()) {
            return evaluation.skip(name(), Signal.UTILIZATION_PERCENT);
        }
        double value = utilization.getAsDouble();
        String level = "utilization " + HumanText.percent(value);
        if (!(value < threshold)) {
            evaluation.record(name(), level + " is not below " + HumanText.percent(threshold), false);
            return Optional.empty();
        }
        String why = level + " is below " + HumanText.percent(threshold);
        List<Signal> missing = MetricCoverage.missing(evaluation);
        if (!missing.isEmpty()) {
            String absent = missing.stream().map(evaluation::describeAbsent).collect(Collectors.joining(", "));
            String blind = why + " but " + absent + ", so the pool does not scale down blind";
            evaluation.record(name(), blind, false);
            return Optional.of(new Want(Action.NONE, Reason.WITHIN_TARGET, blind));
        }
        evaluation.record(name(), why + " and every configured signal is present or idle", true);
        return Optional.of(new Want(Action.SCALE_DOWN, Reason.LOW_UTILIZATION, why));
    }
}
