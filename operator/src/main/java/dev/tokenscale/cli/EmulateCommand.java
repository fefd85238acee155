package dev.tokenscale.cli;

import dev.tokenscale.policy.Signal;
import dev.tokenscale.sim.EmulatedEngine;
import dev.tokenscale.sim.EmulatorSettings;
import dev.tokenscale.sim.LoadModel;
import dev.tokenscale.sim.PrometheusScrapeConfig;
import dev.tokenscale.sim.WorkerEmulator;
import dev.tokenscale.sim.WorkerEndpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "emulate",
        mixinStandardHelpOptions = true,
        description = {
            "Serves /metrics of emulated vLLM or SGLang workers on 127.0.0.1, one port per replica, until Ctrl-C.",
            "The figures follow the shared load model (see LoadModel): each replica serves up to --capacity-rps,",
            "latency climbs with utilization like a queue, a backlog builds beyond capacity."
        })
final class EmulateCommand implements Callable<Integer> {

    private static final int WORKERS_PER_CORE = 128;
    private static final int MAX_REPLICAS_ANY_MACHINE = 1024;

    @Spec
    CommandSpec spec;

    @Option(names = "--replicas", defaultValue = "3", description = "Number of workers (default ${DEFAULT-VALUE}).")
    int replicas;

    @Option(names = "--rps", defaultValue = "40", description = "Arriving requests per second for the whole pool (default ${DEFAULT-VALUE}).")
    double rps;

    @Option(names = "--port", defaultValue = "0",
            description = "Port of the first worker; worker i listens on port + i. 0 picks free ports (default).")
    int port;

    @Option(names = "--engine", defaultValue = "vllm",
            description = "Metric names to export: vllm, vllm-legacy (pre-0.9 names) or sglang (default ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--capacity-rps", defaultValue = "20", description = "Requests per second one replica serves at full utilization (default ${DEFAULT-VALUE}).")
    double capacityRps;

    @Option(names = "--model-name", defaultValue = "meta-llama/Llama-3.1-70B-Instruct", description = "Value of the model_name label.")
    String modelName;

    @Option(names = "--namespace", defaultValue = "default",
            description = "namespace label the printed Prometheus config attaches to every worker (default ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = "--running", split = ",", paramLabel = "N",
            description = "Requests in flight each worker reports, in worker order (e.g. 0,6,6 makes worker-0 the idle one);"
                    + " workers without a value report the model's share.")
    List<Double> running = List.of();

    @Option(names = "--prometheus-config", paramLabel = "FILE",
            description = "Also write a prometheus.yml that scrapes these workers every second to FILE.")
    Path prometheusConfig;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        EmulatorSettings settings = settings();
        WorkerEmulator emulator;
        try {
            emulator = WorkerEmulator.start(settings, Clock.systemUTC());
        } catch (UncheckedIOException e) {
            spec.commandLine().getErr().println("tokenscale emulate: " + e.getMessage() + ": " + e.getCause().getMessage());
            return 1;
        }
        for (int i = 0; i < running.size(); i++) {
            emulator.setRunning(i, running.get(i));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "emulate-shutdown"));

        List<WorkerEndpoint> workers = emulator.workers();
        out.printf(Locale.ROOT, "Emulating %d %s workers at %s requests/s (each serves up to %s requests/s).%n",
                workers.size(), settings.engine().key(), number(rps), number(capacityRps));
        for (WorkerEndpoint worker : workers) {
            out.printf("  %s %s%n", worker.name(), worker.metricsUrl());
        }
        out.println("Expected readings: " + emulator.trueSignals().entrySet().stream()
                .map(e -> e.getKey().key() + "=" + number(e.getValue()))
                .collect(Collectors.joining(" ")));
        String config = PrometheusScrapeConfig.render("tokenscale-emulate", Duration.ofSeconds(1), workers.stream()
                .map(w -> new PrometheusScrapeConfig.Target(w.metricsUrl(), Map.of("namespace", namespace, "pod", w.name())))
                .toList());
        if (prometheusConfig != null) {
            writeConfig(config);
            out.println("Wrote a Prometheus config scraping them every second to " + prometheusConfig);
        } else {
            out.println("A Prometheus config scraping them every second (or pass --prometheus-config FILE):");
            out.print(config);
        }
        out.println("Press Ctrl-C to stop.");
        out.flush();
        stopped.await();
        return 0;
    }

    /**
     * Each worker is an HTTP server with its own thread and port; past about 128 per core the
     * scrapes themselves time out, so more workers would export figures nobody can read in time.
     */
    static int maxReplicas(int cores) {
        return Math.min(MAX_REPLICAS_ANY_MACHINE, WORKERS_PER_CORE * cores);
    }

    private EmulatorSettings settings() {
        int cores = Runtime.getRuntime().availableProcessors();
        int most = maxReplicas(cores);
        if (replicas > most) {
            throw new ParameterException(spec.commandLine(), "--replicas: " + replicas + " is more than this machine can serve:"
                    + " at most " + most + " emulated workers (" + WORKERS_PER_CORE + " per CPU core, " + cores
                    + " cores, each an HTTP server on its own port)");
        }
        if (port > 0 && port <= 65535 && (long) port + replicas - 1 > 65535) {
            throw new ParameterException(spec.commandLine(), "--port: " + replicas + " workers from port " + port
                    + " would need ports up to " + ((long) port + replicas - 1) + "; the highest port is 65535");
        }
        EmulatorSettings settings;
        try {
            LoadModel.Params defaults = LoadModel.Params.seedDefaults();
            settings = EmulatorSettings.defaults()
                    .withEngine(EmulatedEngine.fromKey(engine))
                    .withReplicas(replicas)
                    .withArrivalRps(rps)
                    .withFirstPort(port)
                    .withModel(new LoadModel.Params(capacityRps, defaults.baseTtftMs(), defaults.baseTpotMs(),
                            defaults.outputTokensPerRequest()))
                    .withModelName(modelName);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        if (running.size() > replicas) {
            throw new ParameterException(spec.commandLine(), "--running has " + running.size() + " values for " + replicas
                    + " workers; give at most one per worker");
        }
        for (Double value : running) {
            if (value == null || !(value >= 0) || value.isInfinite()) {
                throw new ParameterException(spec.commandLine(), "--running values must be numbers >= 0, got " + value);
            }
        }
        return settings;
    }

    private void writeConfig(String config) {
        try {
            Files.writeString(prometheusConfig, config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write --prometheus-config " + prometheusConfig, e);
        }
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? String.valueOf((long) value)
                : String.format(Locale.ROOT, "%.1f", value);
    }
}
