package dev.tokenscale.cli;

import dev.tokenscale.api.InferencePool;
import dev.tokenscale.operator.ForecastView;
import dev.tokenscale.operator.PoolForecast;
import dev.tokenscale.operator.PoolSettings;
import dev.tokenscale.operator.LearnedStatusMapping;
import dev.tokenscale.api.LearnedStatus;
import dev.tokenscale.policy.AdaptiveMemory;
import dev.tokenscale.operator.RfcTime;
import dev.tokenscale.policy.CostAwarePolicy;
import dev.tokenscale.policy.LearnedState;
import dev.tokenscale.policy.PolicyOutcome;
import dev.tokenscale.policy.Decision;
import dev.tokenscale.policy.ScalingState;
import dev.tokenscale.signals.SignalReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs the operator's policy once on a pool file and a signals file and shows what it decides and
 * why. Bad input exits 2 with one line naming the file and the field.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Show what the policy decides for a pool and signals, and why.")
final class ExplainCommand implements Callable<Integer> {

    static final int BAD_INPUT = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--pool", paramLabel = "POOL.yaml", description = "The InferencePool manifest. Required unless --budget is given.")
    Path pool;

    @Option(names = "--budget", paramLabel = "BUDGET.yaml",
            description = "An InferenceBudget: explain its round over the pools in --pools instead of one pool.")
    Path budget;

    @Option(names = "--pools", paramLabel = "DIR",
            description = "With --budget: a directory of InferencePool manifests (*.yaml), each with its signals in"
                    + " <name>.metrics.json and optionally its state in <name>.state.json beside it.")
    Path pools;

    @Option(names = "--metrics", paramLabel = "SIGNALS.json",
            description = "Signals as JSON: ttftP99Ms, tpotP99Ms, utilizationPercent, queueDepth, tokensPerSecond. "
                    + "Absent or null means missing; \"idle\" marks a latency with no finished request.")
    Path metrics;

    @Option(names = "--prometheus", paramLabel = "URL",
            description = "Read the signals live from this Prometheus with the pool's spec.metrics (preset, window, "
                    + "selector, timeout, auth), for series with namespace=<the pool's namespace, or default>. "
                    + "Exclusive with --metrics.")
    String prometheus;

    @Option(names = "--state", paramLabel = "STATE.json",
            description = "replicas, readyReplicas, lastScaleUpTime, lastScaleDownTime. Default: minReplicas, all ready, no history.")
    Path state;

    @Option(names = "--now", paramLabel = "TIME", description = "The evaluation time, RFC 3339. Default: the current time.")
    String now;

    @Option(names = "--output", paramLabel = "json|text", defaultValue = "json", description = "json (default) or text.")
    String output;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            boolean text = outputIsText();
            if (budget != null || pools != null) {
                return new BudgetExplanation(budget, pools, clock()).print(out, text);
            }
            if (pool == null) {
                throw new BadInputException("Missing required option: '--pool=POOL.yaml' (or --budget BUDGET.yaml with --pools DIR)");
            }
            Explanation explanation = explain(signalSource());
            out.print(text ? ExplainText.render(explanation) : ExplainJson.render(explanation) + "\n");
            out.flush();
            return 0;
        } catch (BadInputException e) {
            err.println("tokenscale explain: " + e.getMessage());
            err.flush();
            return BAD_INPUT;
        }
    }

    private Explanation explain(SignalSource source) {
        Clock clock = clock();
        InferencePool resource = PoolFile.load(pool);
        PoolSettings settings = PoolFile.settingsOf(pool, resource);
        ScalingState scalingState = state != null
                ? StateFile.read(state)
                : ScalingState.steady(settings.policy().minReplicas());
        SignalReport report = source.read(resource, settings, clock.instant());
        // An exported pool (kubectl get -o yaml) carries what it learned; explain sizes with it as the operator would.
        LearnedState learned = resource.getStatus() == null ? LearnedState.NONE
                : LearnedStatusMapping.toState(resource.getStatus().getLearned());
        LearnedStatus stored = resource.getStatus() == null ? null : resource.getStatus().getLearned();
        PolicyOutcome outcome = new CostAwarePolicy().evaluate(settings.policy(), report.snapshot(), scalingState,
                AdaptiveMemory.restored(learned, LearnedStatusMapping.bursts(stored), LearnedStatusMapping.readyDelay(stored)), clock);
        ForecastView forecast = null;
        if (source instanceof PrometheusSignals live && settings.forecast().enabled()) {
            PoolForecast.Forecasted forecasted = live.forecast(resource, settings, report, scalingState, outcome, clock.instant());
            outcome = forecasted.outcome();
            forecast = forecasted.view();
        }
        Decision decision = outcome.decision();
        String name = resource.getMetadata() != null && resource.getMetadata().getName() != null
                ? resource.getMetadata().getName()
                : "(unnamed)";
        return new Explanation(name, pool.toString(), settings, source.origin(), report,
                state != null ? state.toString() : null, scalingState, clock.instant(), decision, outcome.sizing(), forecast);
    }

    /** The one place that decides where signals come from. */
    private SignalSource signalSource() {
        if (metrics != null && prometheus != null) {
            throw new BadInputException("--metrics and --prometheus are exclusive: read the signals from a file or from Prometheus");
        }
        if (prometheus != null) {
            return PrometheusSignals.at(prometheus);
        }
        if (metrics == null) {
            throw new BadInputException("--metrics SIGNALS.json or --prometheus URL is required");
        }
        return new SignalsFile(metrics);
    }

    private boolean outputIsText() {
        return switch (output) {
            case "json" -> false;
            case "text" -> true;
            default -> throw new BadInputException("--output: expected json or text, got '" + output + "'");
        };
    }

    private Clock clock() {
        if (now == null) {
            return Clock.systemUTC();
        }
        try {
            return Clock.fixed(RfcTime.parse(now), ZoneOffset.UTC);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--now: " + e.getMessage());
        }
    }
}
