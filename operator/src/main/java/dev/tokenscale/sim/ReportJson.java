package dev.tokenscale.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The replay as JSON: {@code strategies} (the table's rows) and {@code series} (every step's load,
 * and each strategy's replicas and P99 latencies), plus the scenario it ran.
 */
public final class ReportJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ReportJson() {}

    public static ObjectNode toJson(ReplayResult result) {
        ReplayScenario scenario = result.scenario();
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode about = root.putObject("scenario");
        about.put("traffic", scenario.traffic().source());
        about.put("lengthSeconds", scenario.lengthMillis() / 1000.0);
        about.put("historySeconds", scenario.historyMillis() / 1000.0);
        about.put("stepSeconds", scenario.step().toMillis() / 1000.0);
        about.put("coldStartSeconds", scenario.coldStart().toMillis() / 1000.0);
        about.put("capacityRpsPerReplica", scenario.load().capacityRpsPerReplica());
        about.put("replicaHourlyCost", scenario.replicaHourlyCost());
        about.put("minReplicas", scenario.settings().minReplicas());
        about.put("maxReplicas", scenario.settings().maxReplicas());
        about.put("sloTtftP99Ms", scenario.slo().ttftP99Ms());
        about.put("sloTpotP99Ms", scenario.slo().tpotP99Ms());
        about.put("noisePercent", scenario.conditions().noisePercent());
        about.put("capacityDriftPercent", scenario.conditions().capacityDriftPercent());
        about.put("seed", scenario.conditions().seed());

        ArrayNode strategies = root.putArray("strategies");
        for (StrategySummary summary : result.summaries()) {
            ObjectNode row = strategies.addObject();
            row.put("name", summary.name())
                    .put("dailyCost", summary.dailyCost())
                    .put("peakReplicas", summary.peakReplicas())
                    .put("averageReplicas", summary.averageReplicas())
                    .put("offPeakWastePercent", summary.offPeakWastePercent())
                    .put("savingsPercent", summary.savingsPercent());
            // null, not NaN, when fixed-slo was not replayed: JSON has no NaN.
            if (Double.isNaN(summary.savingsVsFixedSloPercent())) {
                row.putNull("savingsVsFixedSloPercent");
            } else {
                row.put("savingsVsFixedSloPercent", summary.savingsVsFixedSloPercent());
            }
            row.put("sloViolationMinutes", summary.sloViolationMinutes())
                    .put("scaleEvents", summary.scaleEvents());
        }

        ObjectNode series = root.putObject("series");
        addAll(series.putArray("seconds"), result.stepStartSeconds());
        addAll(series.putArray("rps"), result.rps());
        ObjectNode byStrategy = series.putObject("strategies");
        for (StrategyRun run : result.runs()) {
            ObjectNode one = byStrategy.putObject(run.name());
            addAll(one.putArray("replicas"), run.replicas());
            addAll(one.putArray("readyReplicas"), run.readyReplicas());
            addAll(one.putArray("ttftP99Ms"), run.ttftP99Ms());
            addAll(one.putArray("tpotP99Ms"), run.tpotP99Ms());
        }
        return root;
    }

    public static String render(ReplayResult result) {
        try {
            return MAPPER.writeValueAsString(toJson(result));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree failed to serialize", e);
        }
    }

    private static void addAll(ArrayNode array, double[] values) {
        for (double value : values) {
            // A tenth of a unit is plenty for a chart and keeps a day at 15 s steps small.
            array.add(Math.round(value * 10) / 10.0);
        }
    }

    private static void addAll(ArrayNode array, int[] values) {
        for (int value : values) {
            array.add(value);
        }
    }
}
