package dev.tokenscale.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;

/**
 * A multi-pool replay as a table or as JSON: per pool its cost, its SLO-violation minutes with the
 * budget and alone, its preemptions and its backlog; in total the cost, the highest spend and the budget.
 */
public final class BudgetReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BudgetReport() {}

    /** @param alone each pool's replay without the other pools and without a budget, by name */
    public static String json(BudgetReplayResult result, Map<String, BudgetReplayResult> alone) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode pools = root.putArray("pools");
        for (BudgetReplayResult.PoolResult p : result.pools()) {
            ObjectNode pool = pools.addObject();
            pool.put("name", p.name());
            pool.put("priority", p.priority().key());
            pool.put("dailyCost", round(p.dailyCost()));
            pool.put("sloViolationMinutes", round(p.sloViolationMinutes()));
            pool.put("aloneSloViolationMinutes", round(alone.get(p.name()).pool(p.name()).sloViolationMinutes()));
            pool.put("preemptions", p.preemptions());
            pool.put("maxBacklog", round(p.maxBacklog()));
            pool.put("finalBacklog", round(p.finalBacklog()));
            double drained = p.backlogDrainedAtHours(result.timeline());
            if (Double.isNaN(drained)) {
                pool.putNull("backlogDrainedAtHour");
            } else {
                pool.put("backlogDrainedAtHour", round(drained));
            }
        }
        root.put("totalDailyCost", round(result.totalDailyCost()));
        root.put("maxSpendPerHour", round(result.maxSpendPerHour()));
        if (result.limit() != null && result.limit().maxHourlyCost() != null) {
            root.put("budgetPerHour", round(result.limit().maxHourlyCost()));
        } else {
            root.putNull("budgetPerHour");
        }
        if (result.limit() != null && result.limit().maxGpus() != null) {
            root.put("budgetGpus", result.limit().maxGpus());
        }
        root.put("steps", result.timeline().stepCount());
        return root.toPrettyString();
    }

    public static String table(BudgetReplayResult result, Map<String, BudgetReplayResult> alone) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-16s %-12s %12s %10s %10s %12s %12s %14s %10s%n",
                "Pool", "Priority", "Daily cost", "SLO min", "Alone min", "Preemptions", "Max backlog", "Final backlog", "Drained"));
        for (BudgetReplayResult.PoolResult p : result.pools()) {
            double drained = p.backlogDrainedAtHours(result.timeline());
            text.append(String.format(Locale.US, "%-16s %-12s %12s %10.1f %10.1f %12d %12.0f %14.0f %10s%n", p.name(),
                    p.priority().key(), money(p.dailyCost()), p.sloViolationMinutes(),
                    alone.get(p.name()).pool(p.name()).sloViolationMinutes(), p.preemptions(), p.maxBacklog(), p.finalBacklog(),
                    Double.isNaN(drained) ? "-" : String.format(Locale.ROOT, "%.2f h", drained)));
        }
        String budget = result.limit() == null ? "no budget" : "budget " + result.limit().describe();
        text.append(String.format(Locale.US, "%nTotal daily cost %s; highest spend %s/h, %s.%n", money(result.totalDailyCost()),
                money(result.maxSpendPerHour()), budget));
        return text.toString();
    }

    private static String money(double dollars) {
        return String.format(Locale.US, "$%,.2f", dollars);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
