package dev.tokenscale.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenscale.policy.CapacitySource;
import dev.tokenscale.forecast.ForecastPlan;
import dev.tokenscale.operator.ForecastView;
import dev.tokenscale.policy.Decision;
import dev.tokenscale.policy.Sizing;
import dev.tokenscale.policy.StepPolicy;
import dev.tokenscale.policy.Signal;
import dev.tokenscale.policy.SignalReading;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * {@code explain --output json}: one object with the decision, its cost, the signals it used under
 * the same keys as the signals file ("idle" as a string, null for missing), and each signal's health:
 * its state (present, idle, missing) and, when missing, the reason and the reader's message.
 */
final class ExplainJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ExplainJson() {}

    private static void putOrNull(ObjectNode out, String field, Number value) {
        if (value == null) {
            out.putNull(field);
        } else if (value instanceof Integer whole) {
            out.put(field, whole);
        } else {
            out.put(field, value.doubleValue());
        }
    }

    static String render(Explanation explanation) {
        Decision decision = explanation.decision();
        ObjectNode out = JSON.createObjectNode();
        out.put("action", decision.action().key());
        out.put("reason", decision.reason().key());
        out.put("from", decision.from());
        out.put("to", decision.to());
        out.put("estimatedSavingsPerHour", dollars(decision.estimatedSavingsPerHour()));
        out.put("hourlyCost", dollars(explanation.hourlyCost()));
        out.put("message", decision.message());
        if (explanation.settings().policy().stepPolicy() == StepPolicy.ADAPTIVE) {
            Sizing sizing = explanation.sizing();
            putOrNull(out, "desired", sizing == null ? null : sizing.desired());
            putOrNull(out, "capacityRequestsPerSecond", sizing == null ? null : sizing.capacityRps());
            out.put("capacitySource", sizing == null ? CapacitySource.NONE.key() : sizing.capacitySource().key());
        }
        if (explanation.forecast() != null) {
            forecast(out.putObject("forecast"), explanation.forecast());
        }
        ObjectNode signals = out.putObject("signals");
        for (Signal signal : Signal.values()) {
            SignalReading reading = explanation.signals().snapshot().get(signal);
            if (reading instanceof SignalReading.Present present) {
                signals.put(signal.key(), present.value());
            } else if (reading instanceof SignalReading.Idle) {
                signals.put(signal.key(), SignalsFile.IDLE);
            } else {
                signals.putNull(signal.key());
            }
        }
        ObjectNode health = out.putObject("signalHealth");
        for (Signal signal : Signal.values()) {
            SignalReading reading = explanation.signals().snapshot().get(signal);
            ObjectNode entry = health.putObject(signal.key());
            entry.put("state", reading.state());
            if (reading instanceof SignalReading.Missing missing) {
                entry.put("reason", missing.reason().key());
                entry.put("detail", missing.detail());
            } else if (reading instanceof SignalReading.Present present && !present.adjustment().isBlank()) {
                entry.putNull("reason");
                entry.put("detail", present.adjustment());
            } else {
                entry.putNull("reason");
            }
        }
        try {
            return JSON.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void forecast(ObjectNode out, ForecastView view) {
        out.put("coldStartSeconds", view.coldStart().toMillis() / 1000.0);
        out.put("coldStartSamples", view.coldStartSamples());
        out.put("source", view.source().name().toLowerCase(java.util.Locale.ROOT));
        out.put("sourceDescription", view.source().description());
        out.put("historyDays", view.historyDays());
        putOrNull(out, "errorPercent", view.errorPercent());
        out.put("maxErrorPercent", view.maxErrorPercent());
        ForecastPlan plan = view.plan();
        out.put("state", plan == null ? ForecastPlan.State.NO_FORECAST.name().toLowerCase(java.util.Locale.ROOT)
                : plan.state().name().toLowerCase(java.util.Locale.ROOT));
        putOrNull(out, "horizonSeconds", plan == null ? null : plan.horizon().toMillis() / 1000.0);
        putOrNull(out, "expectedRequestsPerSecond", plan == null || plan.ahead() == null ? null : plan.ahead().maxExpected());
        putOrNull(out, "upperRequestsPerSecond", plan == null || plan.ahead() == null ? null : plan.ahead().maxUpper());
        if (view.historyQuery() == null) {
            out.putNull("historyQuery");
        } else {
            out.put("historyQuery", view.historyQuery());
        }
        if (view.historyProblem() == null) {
            out.putNull("historyProblem");
        } else {
            out.put("historyProblem", view.historyProblem());
        }
    }

    /** Floating sums such as 3 x 16.8 = 50.400000000000006 are shown to a millionth of a dollar. */
    private static BigDecimal dollars(double value) {
        return BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_UP).stripTrailingZeros();
    }
}
