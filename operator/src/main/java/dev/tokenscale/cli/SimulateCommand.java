package dev.tokenscale.cli;

import dev.tokenscale.api.InferencePool;
import dev.tokenscale.operator.InvalidSpecException;
import dev.tokenscale.operator.PoolSettings;
import dev.tokenscale.operator.PoolSettingsMapping;
import dev.tokenscale.policy.CostAwarePolicy;
import dev.tokenscale.policy.PolicySettings;
import dev.tokenscale.sim.LoadModel;
import dev.tokenscale.sim.OracleSizing;
import dev.tokenscale.sim.Replay;
import dev.tokenscale.sim.ReplayChart;
import dev.tokenscale.sim.ReplayConditions;
import dev.tokenscale.sim.ReplayProgress;
import dev.tokenscale.sim.ReplayResult;
import dev.tokenscale.sim.ReplayScenario;
import dev.tokenscale.sim.ReportJson;
import dev.tokenscale.sim.ReportTable;
import dev.tokenscale.sim.Strategy;
import dev.tokenscale.sim.StrategyLineup;
import dev.tokenscale.sim.TrafficFormatException;
import dev.tokenscale.sim.TrafficHistory;
import dev.tokenscale.sim.TrafficProfile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {
            "Replays a traffic day through fixed-peak, fixed-average, fixed-slo, reactive (the pool's own policy) and oracle"
                    + " strategies, and compares their cost, latency and scale events.",
            "Exit codes: 0 done, 2 bad input (the message names the file and the line or field)."
        },
        sortOptions = false)
final class SimulateCommand implements Callable<Integer> {

    /** A PNG of 8000x8000 is 256 MB of pixels while it is drawn; more is no chart anyone reads. */
    private static final int MAX_CHART_SIDE = 8000;
    private static final int MIN_CHART_WIDTH = 200;
    private static final int MIN_CHART_HEIGHT = 150;

    /** A month of history is more than any forecast here looks back (two weeks for a weekly profile). */
    static final int MAX_HISTORY_DAYS = 30;

    /** Below this many strategy-steps a replay finishes before a bar could be read. */
    private static final long STEPS_WORTH_A_PROGRESS_BAR = 100_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--pool", required = true, paramLabel = "POOL.yaml",
            description = "The InferencePool whose bounds, SLO, policy and cost are replayed. Repeat it, each with its own"
                    + " --traffic, to replay several pools together under a --budget.")
    List<Path> pools;

    @Option(names = "--traffic", required = true, paramLabel = "TRAFFIC.csv|seed-diurnal",
            description = "A CSV with the header 'seconds,rps' or 'hour,rps', or the built-in day 'seed-diurnal'. One per --pool, in order.")
    List<String> traffics;

    @Option(names = "--budget", paramLabel = "BUDGET.yaml",
            description = "An InferenceBudget the pools share: each step the operator's allocator grants their replicas by priority.")
    Path budget;

    /** The pool of a single-pool replay. */
    Path pool;

    /** The traffic of a single-pool replay. */
    String traffic;

    @Mixin
    ModelOptions model;

    @Option(names = "--step", paramLabel = "DURATION",
            description = "Replay step and the reactive policy's evaluation period. Default: the pool's spec.evaluationInterval (15s unless set).")
    String step;

    @Option(names = "--oracle-sizing", paramLabel = "slo|seed", defaultValue = "slo",
            description = "How the oracle sizes the pool: slo (fewest replicas meeting the latency SLO) or seed"
                    + " (the seed's int(rps/capacity)+1, to reproduce its per-hour figures). Default: ${DEFAULT-VALUE}.")
    String oracleSizing;

    @Option(names = "--noise", paramLabel = "PERCENT", defaultValue = "0",
            description = "Standard deviation, in percent, of multiplicative Gaussian noise on the utilization and request"
                    + " rate the strategies observe; what is scored stays exact. 0 to 100. Default: ${DEFAULT-VALUE}.")
    double noise;

    @Option(names = "--capacity-drift", paramLabel = "PERCENT", defaultValue = "0",
            description = "How far, in percent, each replica's capacity wanders from --capacity-rps-per-replica over the"
                    + " day (lowest at night, when prompts are long). 0 to 90. Default: ${DEFAULT-VALUE}.")
    double capacityDrift;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the noise and the drift, so a run can be repeated exactly. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--history-days", paramLabel = "N", defaultValue = "1",
            description = "Replay the traffic's first N days unscored before the scored part, so policies that learn start"
                    + " warm; a trace no longer than N days is replayed whole as history, then again scored. 0 to "
                    + MAX_HISTORY_DAYS + ". Default: ${DEFAULT-VALUE}.")
    int historyDays;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write DIR/report.json and DIR/chart.png.")
    Path out;

    @Option(names = "--chart-size", paramLabel = "WIDTHxHEIGHT", defaultValue = "1200x800",
            description = "Size of chart.png in pixels. Default: ${DEFAULT-VALUE}.")
    String chartSize;

    @Option(names = "--output", paramLabel = "text|json", defaultValue = "text",
            description = "Print the comparison as a table (text) or as JSON with every step's series. Default: ${DEFAULT-VALUE}.")
    String output;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outWriter = spec.commandLine().getOut();
        try {
            if (pools.size() != traffics.size()) {
                throw new BadInputException("--traffic: give one per --pool, in the same order (" + pools.size()
                        + " pools, " + traffics.size() + " traffic arguments)");
            }
            if (pools.size() > 1 || budget != null) {
                return new MultiPoolSimulation(this).run(outWriter);
            }
            pool = pools.get(0);
            traffic = traffics.get(0);
            Request request = parse();
            List<Strategy> lineup = StrategyLineup.standard(request.scenario, new CostAwarePolicy(), request.oracleSizing);
            ReplaySteps.checkMemory((long) request.scenario.stepCount() + request.scenario.historyStepCount(), lineup.size(),
                    Runtime.getRuntime().maxMemory());
            ReplayResult result = Replay.run(request.scenario, lineup, progressFor(request.scenario, lineup.size(), err));
            if (out != null) {
                writeReport(result, request);
            }
            if (request.json) {
                outWriter.println(ReportJson.render(result));
            } else {
                outWriter.print(header(request));
                outWriter.println();
                outWriter.print(ReportTable.render(result.summaries()));
                if (out != null) {
                    outWriter.println();
                    outWriter.println("Report: " + out.resolve("report.json"));
                    outWriter.println("Chart:  " + out.resolve("chart.png"));
                }
            }
            outWriter.flush();
            return 0;
        } catch (BadInputException | TrafficFormatException e) {
            err.println("tokenscale simulate: " + e.getMessage());
            err.flush();
            return 2;
        }
    }

    private record Request(ReplayScenario scenario, String poolName, OracleSizing oracleSizing, boolean json,
            int chartWidth, int chartHeight) {}

    private Request parse() {
        boolean json = switch (output) {
            case "text" -> false;
            case "json" -> true;
            default -> throw new BadInputException("--output: expected text or json, got '" + output + "'");
        };
        OracleSizing sizing = OracleSizing.byKey(oracleSizing).orElseThrow(() ->
                new BadInputException("--oracle-sizing: expected slo or seed, got '" + oracleSizing + "'"));
        int[] size = chartSize();
        InferencePool manifest = PoolFile.load(pool);
        PoolSettings settings = settings(manifest);
        Duration stepDuration = step == null ? settings.evaluationInterval() : DurationArgument.parse(step, "--step");
        if (stepDuration.toMillis() < 1 || !stepDuration.equals(Duration.ofMillis(stepDuration.toMillis()))) {
            throw new BadInputException("--step: must be a whole number of milliseconds, at least 1ms, got '" + step + "'");
        }
        Duration coldStartDuration = model.coldStart();
        TrafficProfile profile = TrafficArgument.load(traffic);
        if (historyDays < 0 || historyDays > MAX_HISTORY_DAYS) {
            throw new BadInputException("--history-days: must be between 0 and " + MAX_HISTORY_DAYS + ", got " + historyDays);
        }
        long historySteps = ReplaySteps.historySteps(profile, historyDays, stepDuration);
        TrafficHistory split = TrafficHistory.split(profile, historyDays);
        ReplaySteps.check(split.scored(), stepDuration, historySteps);
        LoadModel.Params load = model.params();
        ReplayScenario scenario = new ReplayScenario(profile, settings.policy(), load, stepDuration,
                coldStartDuration, settings.cost(), conditions(), Optional.empty()).with(split);
        String name = manifest.getMetadata() == null ? "" : manifest.getMetadata().getName();
        return new Request(scenario, name, sizing, json, size[0], size[1]);
    }

    private ReplayConditions conditions() {
        if (!(noise >= 0 && noise <= 100)) {
            throw new BadInputException("--noise: must be a percent between 0 and 100, got " + plain(noise));
        }
        if (!(capacityDrift >= 0 && capacityDrift <= ReplayConditions.MAX_CAPACITY_DRIFT_PERCENT)) {
            throw new BadInputException("--capacity-drift: must be a percent between 0 and "
                    + plain(ReplayConditions.MAX_CAPACITY_DRIFT_PERCENT) + ", got " + plain(capacityDrift));
        }
        return new ReplayConditions(noise, capacityDrift, seed);
    }

    private PoolSettings settings(InferencePool manifest) {
        try {
            return PoolSettingsMapping.map(manifest.getSpec());
        } catch (InvalidSpecException e) {
            throw new BadInputException(pool + ": " + e.getMessage(), e);
        }
    }

    /** Checked before the replay, so a chart of 100000x100000 pixels fails in a second, not after the run. */
    int[] chartSize() {
        String[] parts = chartSize.toLowerCase(Locale.ROOT).split("x");
        if (parts.length == 2 && parts[0].trim().matches("\\d{1,9}") && parts[1].trim().matches("\\d{1,9}")) {
            int width = Integer.parseInt(parts[0].trim());
            int height = Integer.parseInt(parts[1].trim());
            if (width > MAX_CHART_SIDE || height > MAX_CHART_SIDE) {
                throw new BadInputException("--chart-size: " + width + "x" + height + " is too large; the most is "
                        + MAX_CHART_SIDE + "x" + MAX_CHART_SIDE + " pixels");
            }
            if (width < MIN_CHART_WIDTH || height < MIN_CHART_HEIGHT) {
                throw new BadInputException("--chart-size: " + width + "x" + height + " is too small; the least is "
                        + MIN_CHART_WIDTH + "x" + MIN_CHART_HEIGHT + " pixels");
            }
            return new int[] {width, height};
        }
        if (parts.length == 2 && parts[0].trim().matches("\\d+") && parts[1].trim().matches("\\d+")) {
            throw new BadInputException("--chart-size: '" + chartSize + "' is too large; the most is "
                    + MAX_CHART_SIDE + "x" + MAX_CHART_SIDE + " pixels");
        }
        throw new BadInputException("--chart-size: expected WIDTHxHEIGHT in pixels such as 1200x800, got '" + chartSize + "'");
    }

    private void writeReport(ReplayResult result, Request request) {
        try {
            Files.createDirectories(out);
            Files.writeString(out.resolve("report.json"), ReportJson.render(result));
            ReplayChart.writePng(result, StrategyLineup.POLICY_RUNS, out.resolve("chart.png"), request.chartWidth, request.chartHeight);
        } catch (IOException e) {
            throw new BadInputException(out + ": cannot write the report (" + e.getClass().getSimpleName()
                    + (e.getMessage() != null ? ": " + e.getMessage() : "") + ")", e);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--chart-size: " + e.getMessage(), e);
        }
    }

    private static ReplayProgress progressFor(ReplayScenario scenario, int strategies, PrintWriter err) {
        long steps = (long) scenario.stepCount() * strategies;
        boolean interactive = System.console() != null;
        return interactive && steps >= STEPS_WORTH_A_PROGRESS_BAR ? new ProgressBar(err) : ReplayProgress.NONE;
    }

    private String header(Request request) {
        ReplayScenario scenario = request.scenario;
        PolicySettings policy = scenario.settings();
        var cost = scenario.cost();
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Replayed %s (%s) through pool %s at %s steps, %,d steps per strategy.%n",
                scenario.traffic().source(), hours(scenario.lengthMillis()), request.poolName,
                human(scenario.step()), scenario.stepCount()));
        text.append(String.format(Locale.ROOT,
                "Model: %s rps per replica, cold start %s; SLO P99 TTFT %s, TPOT %s; replicas %d..%d; oracle sizing %s.%n",
                plain(scenario.load().capacityRpsPerReplica()), human(scenario.coldStart()),
                human(policy.ttftSlo()), human(policy.tpotSlo()), policy.minReplicas(), policy.maxReplicas(),
                request.oracleSizing.key()));
        text.append(String.format(Locale.US,
                "Cost: $%,.2f per replica-hour (%d GPUs x $%,.2f/GPU-h + %s%% overhead); daily cost is per 24 h.%n",
                cost.hourly(1), cost.gpusPerReplica(), cost.gpuHourlyCost(), plain(cost.overheadPercent())));
        if (scenario.historyMillis() > 0) {
            text.append(String.format(Locale.ROOT,
                    "History: %s replayed unscored first; the figures cover the %s after it, daily cost averaged per day.%n",
                    hours(scenario.historyMillis()), hours(scenario.lengthMillis())));
        }
        ReplayConditions conditions = scenario.conditions();
        if (conditions.noisePercent() > 0 || conditions.capacityDriftPercent() > 0) {
            text.append(String.format(Locale.ROOT,
                    "Conditions: %s%% noise on observed utilization and request rate, capacity drifting up to %s%%, seed %d.%n",
                    plain(conditions.noisePercent()), plain(conditions.capacityDriftPercent()), conditions.seed()));
        }
        return text.toString();
    }

    private static String hours(long millis) {
        long minutes = millis / 60_000;
        return minutes % 60 == 0 ? (minutes / 60) + " h" : (minutes / 60) + " h " + (minutes % 60) + " min";
    }

    static String human(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 60_000 == 0 && millis >= 60_000) {
            return millis / 60_000 + "m";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
