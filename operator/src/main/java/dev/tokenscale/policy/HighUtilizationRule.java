package dev.tokenscale.policy;

import java.util.Optional;

/** Rule 3: utilization above scaleUpAbovePercent scales up before latency suffers. */
final class HighUtilizationRule implements ScalingRule {

    @Override
    public String name() {
        return "high_utilization";
    }

    @Override
    public Optional<Want> evaluate(Evaluation evaluation) {
        double threshold = evaluation.settings.scaleUpAbovePercent();
        var utilization = evaluation.value(Signal.UTILIZATION_PERCENT);
        if (utilization.isEmpty()) {
            return evaluation.skip(name(), Signal.UTILIZATION_PERCENT);
        }
        double value = utilization.getAsDouble();
        if (value > threshold) {
            String why = "utilization " + HumanText.percent(value) + " is above " + HumanText.percent(threshold);
            evaluation.record(name(), why, true);
            return Optional.of(new Want(Action.SCALE_UP, Reason.HIGH_UTILIZATION, why));
        }
        evaluation.record(name(), "utilization " + HumanText.percent(value) + " is not above " + HumanText.percent(threshold), false);
        return Optional.empty();
    }
}
