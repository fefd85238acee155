package dev.tokenscale.cli;

import dev.tokenscale.cli.bench.BenchRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {
            "Measures the operator with many pools and no cluster: the demo's embedded API server with N InferencePools"
                    + " (Recommend mode, Deployments as targets, some with a metrics selector), an emulator exporting every"
                    + " pod's vLLM series, a real Prometheus (prometheus must be on the PATH) and `tokenscale run` in its own"
                    + " JVM with deploy/'s heap and CPU settings.",
            "Prints per evaluation interval: pools evaluated, PromQL queries, the operator's API requests by verb,"
                    + " reconcile latency p50/p99, the operator's heap, RSS and CPU; then a summary.",
            "Exit codes: 0 done, 1 a part failed to start or the operator died, 2 bad input, 130 stopped by Ctrl-C."
        },
        sortOptions = false)
final class BenchCommand implements Callable<Integer> {

    static final int MAX_POOLS = 20_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--pools", paramLabel = "N", defaultValue = "1000",
            description = "InferencePools to create. Default: ${DEFAULT-VALUE}.")
    int pools;

    @Option(names = "--minutes", paramLabel = "MINUTES", defaultValue = "2",
            description = "How long to measure once every pool has been evaluated. Default: ${DEFAULT-VALUE}.")
    double minutes;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "15s",
            description = "Every pool's evaluationInterval, and the period of the printed lines; whole seconds. Default: ${DEFAULT-VALUE}.")
    String interval;

    @Option(names = "--pods", paramLabel = "N", defaultValue = "2",
            description = "Ready pods per pool, each exporting its engine's series. Default: ${DEFAULT-VALUE}.")
    int pods;

    @Option(names = "--selector-every", paramLabel = "N", defaultValue = "4",
            description = "One pool in N reads its series by a metrics selector (model_name) rather than its pods' names;"
                    + " 0 for none. Default: ${DEFAULT-VALUE}.")
    int selectorEvery;

    @Option(names = "--operator-jvm-flags", paramLabel = "FLAGS",
            description = "The operator JVM's flags, space-separated. "
                    + "Default: deploy/'s: -XX:MaxRAM=512m -XX:ActiveProcessorCount=1 -XX:+UseSerialGC"
                    + " -XX:MaxRAMPercentage=50 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:NewRatio=3"
                    + " -XX:-ShrinkHeapInSteps -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m -Xss512k"
                    + " -Djdk.nio.maxCachedBufferSize=262144 -XX:+ExitOnOutOfMemoryError, with MALLOC_ARENA_MAX=2.")
    String operatorJvmFlags;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where the operator's kubeconfig and log go. Default: a new tokenscale-bench-* folder in the temp directory.")
    Path out;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        BenchRun.Options options;
        try {
            options = options();
        } catch (BadInputException e) {
            err.println("tokenscale bench: " + e.getMessage());
            err.flush();
            return 2;
        }
        BenchRun bench = new BenchRun(options, spec.commandLine().getOut());
        Thread onCtrlC = new Thread(() -> {
            bench.requestStop();
            bench.close();
        }, "tokenscale-bench-stop");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        try {
            return bench.run() ? 0 : DemoCommand.STOPPED;
        } catch (IllegalStateException e) {
            err.println("tokenscale bench: " + e.getMessage());
            err.flush();
            return 1;
        } finally {
            bench.close();
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is what is running now.
            }
        }
    }

    private BenchRun.Options options() throws IOException {
        if (pools < 1 || pools > MAX_POOLS) {
            throw new BadInputException("--pools: must be between 1 and " + MAX_POOLS + ", got " + pools);
        }
        if (pods < 1 || pods > 64) {
            throw new BadInputException("--pods: must be between 1 and 64, got " + pods);
        }
        if (!(minutes > 0) || minutes > 24 * 60) {
            throw new BadInputException("--minutes: must be above 0 and at most a day (1440), got " + minutes);
        }
        if (selectorEvery < 0) {
            throw new BadInputException("--selector-every: must be 0 or more, got " + selectorEvery);
        }
        Duration period = DurationArgument.parse(interval, "--interval");
        if (period.toSeconds() < 1 || period.toMillis() % 1000 != 0) {
            throw new BadInputException("--interval: must be whole seconds, at least 1s, got " + interval);
        }
        List<String> flags = operatorJvmFlags == null ? BenchRun.DEPLOY_JVM_FLAGS
                : Arrays.stream(operatorJvmFlags.trim().split("\\s+")).filter(f -> !f.isEmpty()).toList();
        Path folder = out != null ? Files.createDirectories(out) : Files.createTempDirectory("tokenscale-bench-");
        return new BenchRun.Options(pools, pods, period, minutes, selectorEvery, folder, flags);
    }
}
