package dev.tokenscale.cli.demo;

import ch.qos.logback.classic.Level;
import dev.tokenscale.api.InferencePool;
import dev.tokenscale.api.MetricsSpec;
import dev.tokenscale.api.PrometheusSpec;
import dev.tokenscale.operator.KubernetesEvents;
import dev.tokenscale.operator.OperatorMetrics;
import dev.tokenscale.operator.OperatorOptions;
import dev.tokenscale.operator.PoolSettings;
import dev.tokenscale.operator.PoolSettingsMapping;
import dev.tokenscale.operator.TokenscaleOperator;
import dev.tokenscale.policy.AdaptiveSettings;
import dev.tokenscale.policy.CostAwarePolicy;
import dev.tokenscale.policy.StepPolicy;
import dev.tokenscale.signals.PrometheusSignalReader;
import dev.tokenscale.signals.SignalReader;
import dev.tokenscale.sim.CompressedClock;
import dev.tokenscale.sim.EmulatedEngine;
import dev.tokenscale.sim.EmulatorSettings;
import dev.tokenscale.sim.EmulatorSignalReader;
import dev.tokenscale.sim.LiveRecording;
import dev.tokenscale.sim.LoadModel;
import dev.tokenscale.sim.OracleSizing;
import dev.tokenscale.sim.PollUntil;
import dev.tokenscale.sim.PrometheusScrapeConfig;
import dev.tokenscale.sim.PrometheusServer;
import dev.tokenscale.sim.Replay;
import dev.tokenscale.sim.ReplayChart;
import dev.tokenscale.sim.ReplayProgress;
import dev.tokenscale.sim.ReplayResult;
import dev.tokenscale.sim.ReplayScenario;
import dev.tokenscale.sim.ReportJson;
import dev.tokenscale.sim.ReportTable;
import dev.tokenscale.sim.StrategyLineup;
import dev.tokenscale.sim.StrategyRun;
import dev.tokenscale.sim.TrafficProfile;
import dev.tokenscale.sim.WorkerEmulator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.LoggerFactory;

/**
 * One demo: the shipped example workload and pool on an embedded API server, emulated vLLM workers
 * that follow the Deployment, a traffic day played fast, and the real operator (the reconciler `run`
 * starts) scaling the workers on what it reads from them. At the end, the live run joins a replay
 * of the same day through {@code simulate}'s strategies, as one more row and one more chart line.
 */
public final class DemoRun implements AutoCloseable {

    /** The operator evaluates once a real second, the shortest interval a pool may ask for. */
    static final Duration REAL_EVALUATION_INTERVAL = Duration.ofSeconds(1);
    /** How often the day is advanced: load set, workload synced, live state sampled, lines printed. */
    static final Duration TICK = Duration.ofMillis(50);
    /** The rate and quantile window the pool reads Prometheus with, in real time: four 1 s scrapes. */
    static final Duration PROMETHEUS_WINDOW_REAL = Duration.ofSeconds(4);
    static final String PROMETHEUS_WINDOW = PROMETHEUS_WINDOW_REAL.toSeconds() + "s";
    static final String LIVE_RUN = "operator";
    private static final String EXAMPLES = "/dev/tokenscale/cli/demo/examples/";
    private static final Duration PROMETHEUS_READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration FIRST_SIGNALS_TIMEOUT = Duration.ofSeconds(60);
    /** Consecutive ticks whose API calls may fail before the day stops: 5 real seconds. */
    private static final int API_FAILURES_TOLERATED = (int) (Duration.ofSeconds(5).toMillis() / TICK.toMillis());

    /**
     * @param minutes real minutes the traffic day is played in
     * @param model the serving model of every emulated worker
     * @param coldStart simulated time a new worker loads before it serves
     */
    public record Options(double minutes, Path out, TrafficProfile traffic, LoadModel.Params model,
            Duration coldStart, MetricsSource metrics) {}

    private final Options options;
    private final PrintWriter out;
    private final Deque<AutoCloseable> open = new ArrayDeque<>();
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final CountDownLatch dayOver = new CountDownLatch(1);
    private final AtomicReference<Throwable> tickFailure = new AtomicReference<>();
    /** Touched only by the single tick thread. */
    private int apiFailuresInARow;

    public DemoRun(Options options, PrintWriter out) {
        this.options = options;
        this.out = out;
    }

    /** Asks a running demo to stop early (Ctrl-C); {@link #run()} returns and {@link #close()} cleans up. */
    public void requestStop() {
        stopRequested.set(true);
        dayOver.countDown();
    }

    /** @return true when the whole day was played, false when stopped early */
    public boolean run() throws IOException, InterruptedException {
        quietLibraries();
        TrafficProfile traffic = options.traffic();
        double factor = traffic.lengthSeconds() / (options.minutes() * 60);
        CompressedClock clock = new CompressedClock(Clock.systemUTC(), ReplayScenario.START, factor);
        LoadModel.Params model = options.model();

        EmbeddedCluster cluster = keep(EmbeddedCluster.start());
        KubernetesClient client = cluster.client();
        InferencePool pool = client.resources(InferencePool.class).load(resource("inferencepool-adaptive.yaml")).item();
        // The demo's pool learns its capacity: through Prometheus, rates count in real seconds and come out
        // multiplied by the speed-up, so a hint in simulated requests per second would be off by that factor.
        pool.getSpec().setCapacity(null);
        PoolSettings settings = PoolSettingsMapping.map(pool.getSpec());
        String namespace = pool.getMetadata().getNamespace();
        String workload = settings.target().name();
        // In the README's install order: the namespace first, then the model server in it.
        for (String file : List.of("namespace.yaml", "vllm-deployment.yaml")) {
            for (HasMetadata manifest : client.load(resource(file)).items()) {
                client.resource(manifest).create();
            }
        }
        Deployment deployment = client.apps().deployments().inNamespace(namespace).withName(workload).get();
        int firstReplicas = deployment.getSpec().getReplicas();

        Path prometheusBinary = prometheusBinary();
        int firstPort = prometheusBinary == null ? 0 : LoopbackPortRange.findFree(settings.policy().maxReplicas());
        String modelName = settings.metrics().selector().getOrDefault("model_name", "meta-llama/Llama-3.1-70B-Instruct");
        WorkerEmulator emulator = keep(WorkerEmulator.start(new EmulatorSettings(EmulatedEngine.VLLM, firstReplicas,
                traffic.rpsAt(0), firstPort, options.coldStart(), model, modelName), clock));
        EmulatedWorkloadController controller = new EmulatedWorkloadController(client, namespace, workload, emulator);
        controller.sync();

        SignalReader signals;
        String source;
        MetricsSpec metrics = pool.getSpec().getMetrics() == null ? new MetricsSpec() : pool.getSpec().getMetrics();
        if (prometheusBinary != null) {
            List<PrometheusScrapeConfig.Target> targets = new ArrayList<>();
            for (int i = 0; i < settings.policy().maxReplicas(); i++) {
                targets.add(new PrometheusScrapeConfig.Target(URI.create("http://127.0.0.1:" + (firstPort + i) + "/metrics"),
                        Map.of("namespace", namespace, "pod", controller.podName(i))));
            }
            PrometheusServer prometheus = keep(PrometheusServer.start(prometheusBinary, targets, Duration.ofSeconds(1),
                    PROMETHEUS_READY_TIMEOUT));
            PrometheusSpec connection = metrics.getPrometheus() == null ? new PrometheusSpec() : metrics.getPrometheus();
            connection.setUrl(prometheus.url().toString());
            metrics.setPrometheus(connection);
            metrics.setWindow(PROMETHEUS_WINDOW);
            signals = new PrometheusSignalReader(clock);
            source = String.format(Locale.ROOT, "a real Prometheus (%s) at %s, scraping every 1s; the pool reads a %s window"
                    + " (%s of the simulated day)", prometheusBinary, prometheus.url(), PROMETHEUS_WINDOW,
                    human(Duration.ofMillis(Math.round(PROMETHEUS_WINDOW_REAL.toMillis() * factor))));
        } else {
            signals = new EmulatorSignalReader(emulator, clock);
            source = "the emulated workers directly through a SignalReader, with no Prometheus in between ("
                    + (options.metrics() == MetricsSource.DIRECT ? "--metrics direct" : "no prometheus binary on the PATH") + ")";
        }
        pool.getSpec().setMetrics(metrics);
        pool.getSpec().setEvaluationInterval(REAL_EVALUATION_INTERVAL.toSeconds() + "s");
        client.resource(pool).create();

        OperatorOptions operatorOptions = new OperatorOptions(null, Set.of(namespace), false, null, "tokenscale-demo",
                Duration.ofSeconds(10));
        keep(TokenscaleOperator.start(client, operatorOptions, signals,
                new KubernetesEvents(client, clock, "tokenscale-demo"), new OperatorMetrics(new PrometheusRegistry()), clock));

        if (prometheusBinary != null) {
            // The day waits for the first scrapes, or its first hours would read as missing metrics.
            awaitFirstSignals(client, namespace, pool.getMetadata().getName());
        }
        Duration simulatedStep = Duration.ofMillis(Math.max(1, Math.round(REAL_EVALUATION_INTERVAL.toMillis() * factor)));
        // The summary's reactive row is the seed's Step policy on the same pool, so the live Adaptive run
        // (operator) and the replayed adaptive row compare with it.
        ReplayScenario scenario = new ReplayScenario(traffic,
                settings.policy().withPolicy(StepPolicy.STEP, 1, 1, AdaptiveSettings.NONE), model, simulatedStep,
                options.coldStart(), settings.cost());
        LiveRecording recording = new LiveRecording(LIVE_RUN, scenario);
        EvaluationPrinter printer = new EvaluationPrinter(client, namespace, pool.getMetadata().getName(),
                scenario.slo().ttftP99Ms(), emulator::arrivalRps, out);

        out.printf(Locale.ROOT, "tokenscale demo: %s of %s played in %s (x%.0f); the operator evaluates pool %s/%s every"
                        + " real second (%s simulated).%n",
                human(Duration.ofMillis(scenario.lengthMillis())), traffic.source(), human(Duration.ofMillis(Math.round(options.minutes() * 60_000))),
                factor, namespace, pool.getMetadata().getName(), human(simulatedStep));
        out.printf(Locale.ROOT, "Embedded API server %s; %d emulated vLLM workers to start, %s rps each, cold start %s.%n",
                cluster.url(), firstReplicas, plain(model.capacityRpsPerReplica()), human(options.coldStart()));
        out.println("Metrics: " + source + ".");
        out.println();
        printer.printHeader();

        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "demo-day");
            thread.setDaemon(true);
            return thread;
        });
        keep(ticker::shutdownNow);
        clock.start();
        ticker.scheduleAtFixedRate(() -> {
            try {
                Instant now = clock.instant();
                double seconds = Duration.between(ReplayScenario.START, now).toNanos() / 1e9;
                emulator.setArrivalRps(traffic.rpsAt(Math.min(seconds, traffic.lengthSeconds() - 1e-9)));
                controller.sync();
                recording.sample(now, emulator.replicas(), controller.readyReplicas(), emulator.truth());
                printer.poll();
                if (seconds >= traffic.lengthSeconds()) {
                    dayOver.countDown();
                }
                apiFailuresInARow = 0;
            } catch (KubernetesClientException e) {
                // A loaded machine can make the embedded API server miss a request; the next tick
                // catches up. Only a server that keeps failing for a while stops the day.
                if (++apiFailuresInARow >= API_FAILURES_TOLERATED) {
                    tickFailure.compareAndSet(null, e);
                    dayOver.countDown();
                }
            } catch (RuntimeException e) {
                tickFailure.compareAndSet(null, e);
                dayOver.countDown();
            }
        }, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
        dayOver.await();
        ticker.shutdownNow();
        ticker.awaitTermination(5, TimeUnit.SECONDS);
        if (tickFailure.get() != null) {
            throw new IllegalStateException("the demo's day stopped: " + tickFailure.get(), tickFailure.get());
        }
        if (stopRequested.get()) {
            out.println();
            out.println("tokenscale demo: stopped at " + human(Duration.between(ReplayScenario.START, clock.instant()).truncatedTo(ChronoUnit.MINUTES))
                    + " into the day; everything it started is shut down.");
            out.flush();
            return false;
        }
        summarize(scenario, recording.finish(emulator.replicas(), controller.readyReplicas(), emulator.truth()));
        return true;
    }

    /** Waits until the operator has read utilization for the pool once. */
    private static void awaitFirstSignals(KubernetesClient client, String namespace, String name) {
        PollUntil.ready("the operator's first reading of utilization from Prometheus", TICK, FIRST_SIGNALS_TIMEOUT, () -> {
            InferencePool current = client.resources(InferencePool.class).inNamespace(namespace).withName(name).get();
            return current != null && current.getStatus() != null && current.getStatus().getSignals() != null
                    && current.getStatus().getSignals().getUtilizationPercent() != null;
        });
    }

    private void summarize(ReplayScenario scenario, StrategyRun live) throws IOException {
        ReplayResult result = Replay.run(scenario, StrategyLineup.standard(scenario, new CostAwarePolicy(), OracleSizing.SLO),
                ReplayProgress.NONE).with(live);
        Files.createDirectories(options.out());
        Path chart = options.out().resolve("chart.png");
        Files.writeString(options.out().resolve("report.json"), ReportJson.render(result));
        ReplayChart.writePng(result, LIVE_RUN, chart, 1200, 800);
        out.println();
        // Counted on the recorded steps, as the table's Scale events are, so the two always agree.
        int[] held = live.replicas();
        int ups = 0;
        int downs = 0;
        for (int i = 1; i < held.length; i++) {
            ups += held[i] > held[i - 1] ? 1 : 0;
            downs += held[i] < held[i - 1] ? 1 : 0;
        }
        out.printf(Locale.ROOT, "The operator scaled up %d times and down %d times (%d scale events). The day, against"
                + " simulate's strategies at the same evaluation period (%s):%n", ups, downs, ups + downs, human(scenario.step()));
        out.println();
        out.print(ReportTable.render(result.summaries()));
        out.println();
        out.println("Report: " + options.out().resolve("report.json"));
        out.println("Chart:  " + chart);
        out.flush();
    }

    /** Closes what was started, newest first; safe to call twice and from a shutdown hook. */
    @Override
    public synchronized void close() {
        // An evaluation in flight while the API server goes away fails and says so; at shutdown that is expected.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.tokenscale")).setLevel(Level.ERROR);
        RuntimeException first = null;
        while (!open.isEmpty()) {
            try {
                open.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private synchronized <T extends AutoCloseable> T keep(T resource) {
        open.push(resource);
        return resource;
    }

    private Path prometheusBinary() {
        return switch (options.metrics()) {
            case DIRECT -> null;
            case AUTO -> PrometheusServer.findOnPath().orElse(null);
            case PROMETHEUS -> PrometheusServer.findOnPath().orElseThrow(() -> new IllegalStateException(
                    "no prometheus binary on the PATH"));
        };
    }

    private static InputStream resource(String name) {
        InputStream stream = DemoRun.class.getResourceAsStream(EXAMPLES + name);
        if (stream == null) {
            throw new UncheckedIOException(new IOException("the jar lacks " + EXAMPLES + name + "; build it with mvn package"));
        }
        return stream;
    }

    /** The operator logs every decision; the demo prints its own line for each, so the log stays at warnings. */
    private static void quietLibraries() {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.tokenscale")).setLevel(Level.WARN);
        // v1alpha1 is the CRD's version on purpose; fabric8 warns about it on every client.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils"))
                .setLevel(Level.ERROR);
    }

    static String human(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds >= 3600 && seconds % 60 == 0) {
            long minutes = seconds / 60;
            return minutes % 60 == 0 ? minutes / 60 + " h" : minutes / 60 + " h " + minutes % 60 + " min";
        }
        if (seconds >= 60 && seconds % 60 == 0) {
            return seconds / 60 + " min";
        }
        return duration.toMillis() % 1000 == 0 ? seconds + " s" : duration.toMillis() + " ms";
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
