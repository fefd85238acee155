package dev.tokenscale.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Rule 2: a P99 TTFT or TPOT above its SLO scales up, whatever the utilization. Idle never violates. */
final class SloViolationRule implements ScalingRule {

    @Override
    public String name() {
        return "slo_violation";
    }

    @Override
    public Optional<Want> evaluate(Evaluation evaluation) {
        List<String> breaches = new ArrayList<>();
        List<String> findings = new ArrayList<>();
        judge(evaluation, Signal.TTFT_P99_MS, "P99 TTFT", evaluation.settings.ttftSlo(), breaches, findings);
        judge(evaluation, Signal.TPOT_P99_MS, "P99 TPOT", evaluation.settings.tpotSlo(), breaches, findings);
        boolean fired = !breaches.isEmpty();
        evaluation.record(name(), String.join("; ", findings), fired);
        return fired
                ? Optional.of(new Want(Action.SCALE_UP, Reason.SLO_VIOLATION, String.join(" and ", breaches)))
                : Optional.empty();
    }

    private static void judge(Evaluation evaluation, Signal signal, String label, Duration slo,
            List<String> breaches, List<String> findings) {
        double sloMillis = slo.toNanos() / 1_000_000.0;
        String sloText = HumanText.duration(slo);
        var value = evaluation.value(signal);
        if (value.isEmpty()) {
            findings.add(evaluation.describeAbsent(signal) + ", not judged against the " + sloText + " SLO");
            return;
        }
        double millis = value.getAsDouble();
        if (millis > sloMillis) {
            String breach = label + " " + HumanText.millis(millis) + " is above the " + sloText + " SLO";
            breaches.add(breach);
            findings.add(breach);
        } else {
            findings.add(label + " " + HumanText.millis(millis) + " meets the " + sloText + " SLO");
        }
    }
}
