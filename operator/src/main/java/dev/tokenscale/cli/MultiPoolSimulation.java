package dev.tokenscale.cli;

import dev.tokenscale.api.InferencePool;
import dev.tokenscale.operator.BudgetSpecMapping;
import dev.tokenscale.operator.PoolSettings;
import dev.tokenscale.policy.BudgetLimit;
import dev.tokenscale.policy.CostAwarePolicy;
import dev.tokenscale.sim.BudgetChart;
import dev.tokenscale.sim.BudgetReplay;
import dev.tokenscale.sim.BudgetReplayResult;
import dev.tokenscale.sim.BudgetReport;
import dev.tokenscale.sim.ReplayScenario;
import dev.tokenscale.sim.TrafficProfile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;

/**
 * {@code simulate} with several pools, or with a budget: every pool's own policy through the same
 * day, and the operator's allocator granting their replicas each step. Each pool is also replayed
 * alone, without a budget, so its SLO-violation minutes can be compared.
 */
final class MultiPoolSimulation {

    private final SimulateCommand options;

    MultiPoolSimulation(SimulateCommand options) {
        this.options = options;
    }

    int run(PrintWriter out) {
        boolean json = switch (options.output) {
            case "text" -> false;
            case "json" -> true;
            default -> throw new BadInputException("--output: expected text or json, got '" + options.output + "'");
        };
        int[] size = options.chartSize();
        List<BudgetReplay.Pool> pools = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Duration step = null;
        for (int i = 0; i < options.pools.size(); i++) {
            Path file = options.pools.get(i);
            InferencePool manifest = PoolFile.load(file);
            PoolSettings settings = PoolFile.settingsOf(file, manifest);
            if (step == null) {
                step = options.step == null ? settings.evaluationInterval() : DurationArgument.parse(options.step, "--step");
                if (step.toMillis() < 1) {
                    throw new BadInputException("--step: must be at least 1ms, got '" + options.step + "'");
                }
            }
            String name = manifest.getMetadata() == null || manifest.getMetadata().getName() == null
                    ? file.getFileName().toString() : manifest.getMetadata().getName();
            if (!names.add(name)) {
                throw new BadInputException(file + ": metadata.name: '" + name + "' is already the name of another --pool");
            }
            TrafficProfile traffic = TrafficArgument.load(options.traffics.get(i));
            ReplayScenario scenario = new ReplayScenario(traffic, settings.policy(), options.model.params(), step,
                    options.model.coldStart(), settings.cost());
            pools.add(new BudgetReplay.Pool(name, BudgetSpecMapping.priority(manifest.getSpec()), scenario));
        }
        BudgetFile.Loaded budget = options.budget == null ? null : BudgetFile.load(options.budget);
        BudgetLimit limit = budget == null ? null : budget.limit();
        CostAwarePolicy policy = new CostAwarePolicy();
        BudgetReplayResult together;
        Map<String, BudgetReplayResult> alone = new LinkedHashMap<>();
        try {
            together = BudgetReplay.run(pools, limit, policy);
            for (BudgetReplay.Pool pool : pools) {
                alone.put(pool.name(), BudgetReplay.run(List.of(pool), null, policy));
            }
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--traffic: " + e.getMessage(), e);
        }
        if (options.out != null) {
            try {
                Files.createDirectories(options.out);
                Files.writeString(options.out.resolve("report.json"), BudgetReport.json(together, alone));
                BudgetChart.writePng(together, options.out.resolve("chart.png"), size[0], size[1]);
            } catch (IOException e) {
                throw new BadInputException(options.out + ": cannot write the report (" + e.getMessage() + ")", e);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--chart-size: " + e.getMessage(), e);
            }
        }
        if (json) {
            out.println(BudgetReport.json(together, alone));
        } else {
            out.printf(Locale.ROOT, "Replayed %d pools together at %s steps, %,d steps each%s.%n", pools.size(),
                    SimulateCommand.human(step), together.timeline().stepCount(),
                    budget == null ? ", with no budget" : ", under budget " + budget.name() + " (" + limit.describe() + ")");
            out.println("SLO min is with the other pools and the budget; Alone min is the same pool replayed by itself.");
            out.println();
            out.print(BudgetReport.table(together, alone));
            if (options.out != null) {
                out.println();
                out.println("Report: " + options.out.resolve("report.json"));
                out.println("Chart:  " + options.out.resolve("chart.png"));
            }
        }
        out.flush();
        return 0;
    }
}
