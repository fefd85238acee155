package dev.tokenscale.cli;

import dev.tokenscale.cli.demo.DemoRun;
import dev.tokenscale.cli.demo.MetricsSource;
import dev.tokenscale.sim.LoadModel;
import dev.tokenscale.sim.PrometheusServer;
import dev.tokenscale.sim.TrafficFormatException;
import dev.tokenscale.sim.TrafficProfile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {
            "Runs the real operator with no cluster: an embedded API server with the example vLLM Deployment and"
                    + " InferencePool, emulated workers that follow the Deployment, and a traffic day played in minutes.",
            "Prints a line per evaluation, then the day against simulate's strategies and the path of chart.png.",
            "Ctrl-C stops it cleanly. Exit codes: 0 done, 1 a part of the demo failed to start, 2 bad input."
        },
        sortOptions = false)
final class DemoCommand implements Callable<Integer> {

    private static final double MAX_MINUTES = 24 * 60;

    /** How long Ctrl-C waits for the demo to shut its servers and workers down. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);
    /** What a shell reports for a process ended by Ctrl-C (128 + SIGINT). */
    static final int STOPPED = 130;

    @Spec
    CommandSpec spec;

    @Option(names = "--minutes", paramLabel = "MINUTES", defaultValue = "2",
            description = "Real minutes the traffic day is played in. Default: ${DEFAULT-VALUE}.")
    double minutes;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where report.json and chart.png go. Default: a new tokenscale-demo-* folder in the temp directory.")
    Path out;

    @Option(names = "--traffic", paramLabel = "TRAFFIC.csv|seed-diurnal", defaultValue = "seed-diurnal",
            description = "The day to play, as for simulate. Default: ${DEFAULT-VALUE}.")
    String traffic;

    @Option(names = "--metrics", paramLabel = "auto|prometheus|direct", defaultValue = "auto",
            description = "auto uses a real Prometheus when the prometheus binary is on the PATH, else reads the workers"
                    + " directly. Default: ${DEFAULT-VALUE}.")
    String metrics;

    @Mixin
    ModelOptions model;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AtomicBoolean stopping = new AtomicBoolean();
        AtomicReference<DemoRun> running = new AtomicReference<>();
        CountDownLatch closed = new CountDownLatch(1);
        // Registered first, so Ctrl-C at any moment, even while the parts start, ends in "stopped".
        Thread onCtrlC = new Thread(() -> {
            stopping.set(true);
            DemoRun demo = running.get();
            if (demo != null) {
                demo.requestStop();
            }
            try {
                closed.await(SHUTDOWN_GRACE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tokenscale-demo-stop");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        DemoRun demo = null;
        try {
            DemoRun.Options options;
            try {
                options = options();
            } catch (BadInputException | TrafficFormatException e) {
                err.println("tokenscale demo: " + e.getMessage());
                err.flush();
                return 2;
            }
            demo = new DemoRun(options, out);
            running.set(demo);
            if (stopping.get()) {
                demo.requestStop();
            }
            return demo.run() ? 0 : STOPPED;
        } catch (RuntimeException e) {
            if (stopping.get()) {
                // Parts that were starting when Ctrl-C came fail as the JVM shuts down; that is the stop, not an error.
                return stopped(out);
            }
            if (e instanceof IllegalStateException) {
                // Something the demo started did not come up (Prometheus, a port); say what, without a stack trace.
                err.println("tokenscale demo: " + e.getMessage());
                err.flush();
                return 1;
            }
            throw e;
        } finally {
            closeQuietlyWhenStopping(demo, stopping);
            closed.countDown();
            removeHook(onCtrlC);
        }
    }

    private static int stopped(PrintWriter out) {
        out.println();
        out.println("tokenscale demo: stopped; everything it started is shut down.");
        out.flush();
        return STOPPED;
    }

    /** On Ctrl-C a part may already be gone when it is closed; only a failure to close in a normal end is news. */
    private static void closeQuietlyWhenStopping(DemoRun demo, AtomicBoolean stopping) {
        if (demo == null) {
            return;
        }
        try {
            demo.close();
        } catch (RuntimeException e) {
            if (!stopping.get()) {
                throw e;
            }
        }
    }

    private DemoRun.Options options() throws IOException {
        if (!(minutes > 0) || Double.isInfinite(minutes)) {
            throw new BadInputException("--minutes: must be a number above 0, got " + minutes);
        }
        if (minutes > MAX_MINUTES) {
            // One evaluation per real second is kept for the summary; a day of them is plenty to watch.
            throw new BadInputException("--minutes: " + minutes + " is too large; the demo plays at most " + (int) MAX_MINUTES
                    + " real minutes (one day)");
        }
        MetricsSource source = switch (metrics) {
            case "auto" -> MetricsSource.AUTO;
            case "prometheus" -> MetricsSource.PROMETHEUS;
            case "direct" -> MetricsSource.DIRECT;
            default -> throw new BadInputException("--metrics: expected auto, prometheus or direct, got '" + metrics + "'");
        };
        if (source == MetricsSource.PROMETHEUS && PrometheusServer.findOnPath().isEmpty()) {
            throw new BadInputException("--metrics prometheus: no prometheus binary on the PATH; install it"
                    + " (apt-get install -y --no-install-recommends prometheus) or use --metrics direct");
        }
        TrafficProfile day = TrafficArgument.load(traffic);
        LoadModel.Params params = model.params();
        Duration coldStartDuration = model.coldStart();
        Path folder = out != null ? out : Files.createTempDirectory("tokenscale-demo-");
        return new DemoRun.Options(minutes, folder, day, params, coldStartDuration, source);
    }

    /** During JVM shutdown the hook is running and cannot be removed; that is the Ctrl-C path. */
    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook is what is running now.
        }
    }
}
