package dev.tokenscale.cli;

import dev.tokenscale.forecast.DemandForecaster;
import dev.tokenscale.forecast.ForecastPlan;
import dev.tokenscale.operator.ForecastView;
import dev.tokenscale.policy.HumanText;
import dev.tokenscale.operator.PoolSettings;
import dev.tokenscale.policy.Decision;
import dev.tokenscale.policy.PolicySettings;
import dev.tokenscale.policy.RuleCheck;
import dev.tokenscale.policy.ScalingState;
import dev.tokenscale.policy.Signal;
import dev.tokenscale.policy.SignalReading;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * {@code explain --output text}: the pool, the signals (and the PromQL behind each, when they came
 * from Prometheus), every rule the policy checked with what it found, the decision and its cost.
 */
final class ExplainText {

    private ExplainText() {}

    static String render(Explanation explanation) {
        StringBuilder out = new StringBuilder();
        PoolSettings settings = explanation.settings();
        PolicySettings policy = settings.policy();
        ScalingState state = explanation.state();
        line(out, "Pool %s (%s): %s/%s, %d..%d replicas, %s policy, %s mode",
                explanation.poolName(), explanation.poolOrigin(), settings.target().kind(), settings.target().name(),
                policy.minReplicas(), policy.maxReplicas(), policy.stepPolicy().name().toLowerCase(Locale.ROOT),
                settings.mode().name().toLowerCase(Locale.ROOT));
        line(out, "State (%s): %d replicas, %d ready, last scale-up %s, last scale-down %s, now %s",
                explanation.stateOrigin() == null ? "no --state: minReplicas, all ready, no history" : explanation.stateOrigin(),
                state.replicas(), state.readyReplicas(), orNever(state.lastScaleUpTime()), orNever(state.lastScaleDownTime()),
                explanation.now());
        line(out, "Signals (%s):", explanation.signalOrigin());
        for (Signal signal : Signal.values()) {
            line(out, "  %-20s %s", signal.key(), describe(signal, explanation.signals().snapshot().get(signal)));
            String promql = explanation.signals().queries().get(signal);
            if (promql != null) {
                line(out, "  %-20s   PromQL: %s", "", promql);
            }
        }
        if (explanation.forecast() != null) {
            forecast(out, explanation.forecast());
        }
        line(out, "Rules checked:");
        for (RuleCheck check : explanation.decision().checks()) {
            line(out, "  %s %-18s %s", check.fired() ? "[x]" : "[ ]", check.rule(), check.finding());
        }
        Decision decision = explanation.decision();
        line(out, "Decision: %s (%s), %d -> %d replicas", decision.action().key(), decision.reason().key(),
                decision.from(), decision.to());
        line(out, "  %s", decision.message());
        String perMillion = explanation.perMillionTokensNow().isPresent()
                ? String.format(Locale.ROOT, "$%.4f per million tokens", explanation.perMillionTokensNow().getAsDouble())
                : "no cost per token without a tokensPerSecond reading";
        line(out, "Cost: $%.2f/h now at %d replicas (%s); $%.2f/h at %d replicas after the decision; estimated savings $%.2f/h",
                settings.cost().hourly(decision.from()), decision.from(), perMillion,
                explanation.hourlyCost(), decision.to(), decision.estimatedSavingsPerHour());
        return out.toString();
    }

    /** What the forecast expects over the horizon and where it came from. */
    private static void forecast(StringBuilder out, ForecastView view) {
        line(out, "Lead time: %s (%s)", HumanText.duration(view.coldStart()), view.coldStartSamples() >= 3
                ? "p90 of the last " + view.recentColdStarts().size() + " measured cold starts"
                : view.coldStartSamples() + " of 3 cold starts measured, so spec.scaling.coldStartHint or 120s");
        ForecastPlan plan = view.plan();
        String error = view.errorPercent() == null ? "not yet checked (less than an hour of forecasts)"
                : String.format(Locale.ROOT, "%.1f%% over the last day (max %.0f%%)", view.errorPercent(), view.maxErrorPercent());
        line(out, "Forecast (%s, %.1f days of history): error %s", view.source().description(), view.historyDays(), error);
        if (view.historyQuery() != null) {
            line(out, "  %-20s   PromQL (query_range, every %s): %s", "", HumanText.duration(DemandForecaster.BUCKET), view.historyQuery());
        }
        if (view.historyProblem() != null) {
            line(out, "  history not read: %s", view.historyProblem());
        }
        if (plan != null && plan.usable()) {
            line(out, "  within the next %s: up to %s requests/s expected, %s at the upper band",
                    HumanText.duration(plan.horizon()), forHumans(plan.ahead().maxExpected()), forHumans(plan.ahead().maxUpper()));
        } else if (plan != null && plan.state() == ForecastPlan.State.ERROR_TOO_HIGH) {
            line(out, "  ignored: the error is above spec.scaling.forecast.maxErrorPercent, so the pool runs reactive");
        } else if (plan != null && plan.state() == ForecastPlan.State.NOT_CHECKED) {
            line(out, "  not used until an hour of its forecasts is checked (up to %s requests/s within %s), so the pool runs reactive",
                    forHumans(plan.ahead().maxUpper()), HumanText.duration(plan.horizon()));
        } else {
            line(out, "  no forecast yet, so the pool runs reactive");
        }
    }

    private static String describe(Signal signal, SignalReading reading) {
        if (reading instanceof SignalReading.Present present) {
            return forHumans(present.value()) + " " + unit(signal)
                    + (present.adjustment().isBlank() ? "" : " (" + present.adjustment() + ")");
        }
        if (reading instanceof SignalReading.Missing missing) {
            return "missing (" + missing.reason().key() + (missing.detail().isBlank() ? "" : ": " + missing.detail()) + ")";
        }
        return "idle (no request finished in the window)";
    }

    private static String unit(Signal signal) {
        return switch (signal) {
            case TTFT_P99_MS, TPOT_P99_MS -> "ms";
            case UTILIZATION_PERCENT -> "%";
            case QUEUE_DEPTH -> "requests waiting";
            case TOKENS_PER_SECOND -> "tokens/s";
            case REQUEST_RATE -> "requests/s";
        };
    }

    /**
     * At most one decimal, no trailing zero, never scientific: a P99 of 900.000000000001 reads 900 and a
     * utilization of 66.666 reads 66.7. The JSON output keeps every digit.
     */
    private static String forHumans(double value) {
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros();
        return rounded.scale() < 0 ? rounded.setScale(0).toPlainString() : rounded.toPlainString();
    }

    private static String orNever(Object time) {
        return time == null ? "never" : time.toString();
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
