package dev.tokenscale.cli.bench;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.OperatingSystemMXBean;
import dev.tokenscale.api.InferencePool;
import dev.tokenscale.api.PoolMode;
import dev.tokenscale.cli.demo.EmbeddedCluster;
import dev.tokenscale.sim.EmulatedEngine;
import dev.tokenscale.sim.LoadModel;
import dev.tokenscale.sim.PollUntil;
import dev.tokenscale.sim.PrometheusScrapeConfig;
import dev.tokenscale.sim.PrometheusServer;
import dev.tokenscale.sim.SteadyFleet;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.LoggerFactory;

/**
 * One benchmark: N InferencePools (Recommend mode, Deployments as targets, some with a metrics
 * selector) on the demo's embedded API server, a {@link SteadyFleet} exporting every pod's engine
 * series, a real Prometheus scraping it, and the operator in its own JVM with deploy/'s settings.
 * Once every pool has been evaluated, it prints one line of figures per evaluation interval and a
 * summary.
 */
public final class BenchRun implements AutoCloseable {

    /** The operator's bearer token: its API requests are told from the benchmark's by it. */
    static final String OPERATOR_TOKEN = "tokenscale-bench-operator";
    /**
     * deploy/deployment.yaml's JAVA_TOOL_OPTIONS and what its container's limits (512Mi, 1 CPU)
     * show the JVM (a 256 MB heap). A test keeps these equal to deploy/'s.
     */
    public static final List<String> DEPLOY_JVM_FLAGS = List.of("-XX:MaxRAM=512m", "-XX:ActiveProcessorCount=1",
            "-XX:+UseSerialGC", "-XX:MaxRAMPercentage=50", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30",
            "-XX:NewRatio=3", "-XX:-ShrinkHeapInSteps", "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=32m",
            "-Xss512k", "-Djdk.nio.maxCachedBufferSize=262144", "-XX:+ExitOnOutOfMemoryError");
    /** deploy/deployment.yaml's environment for the JVM beside its flags. */
    public static final Map<String, String> DEPLOY_JVM_ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");
    static final int POOLS_PER_NAMESPACE = 50;
    static final String MODEL = "bench/llama";
    private static final String POOL_TEMPLATE = "/dev/tokenscale/cli/demo/examples/inferencepool.yaml";
    private static final Duration PROMETHEUS_READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * @param selectorEvery one pool in this many reads its series by a metrics selector (model_name)
     *     instead of its pods' names; 0 for none
     */
    public record Options(int pools, int podsPerPool, Duration interval, double minutes, int selectorEvery, Path out,
            List<String> operatorJvmFlags) {}

    private final Options options;
    private final PrintWriter out;
    private final Deque<AutoCloseable> open = new ArrayDeque<>();
    private final CountDownLatch stop = new CountDownLatch(1);
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final ObjectMapper json = new ObjectMapper();

    public BenchRun(Options options, PrintWriter out) {
        this.options = options;
        this.out = out;
    }

    /** Ctrl-C: {@link #run()} returns at the next interval's end, and {@link #close()} cleans up. */
    public void requestStop() {
        stopRequested.set(true);
        stop.countDown();
    }

    /** @return false when stopped early */
    public boolean run() throws IOException, InterruptedException {
        quietLibraries();
        Path prometheusBinary = PrometheusServer.findOnPath().orElseThrow(() -> new IllegalStateException(
                "no prometheus binary on the PATH; the benchmark measures the operator's queries against a real one"
                        + " (apt-get install -y --no-install-recommends prometheus)"));
        Duration scrape = Duration.ofSeconds(Math.max(1, Math.min(15, options.interval().toSeconds())));
        String window = scrape.toSeconds() * 4 + "s";
        Instant began = Instant.now();

        AtomicReference<ApiRequestCounter> counting = new AtomicReference<>();
        EmbeddedCluster cluster = keep(EmbeddedCluster.start(api -> {
            counting.set(new ApiRequestCounter(OPERATOR_TOKEN, api));
            return counting.get();
        }));
        ApiRequestCounter counter = counting.get();
        LoadModel.Params model = LoadModel.Params.seedDefaults();
        List<SteadyFleet.Pool> fleet = new ArrayList<>();
        for (int i = 0; i < options.pools(); i++) {
            fleet.add(new SteadyFleet.Pool(namespace(i), pods(i), modelName(i), arrivalRps(i, model)));
        }
        SteadyFleet exporter = keep(SteadyFleet.start(fleet, EmulatedEngine.VLLM, model, Clock.systemUTC()));
        List<PrometheusScrapeConfig.Target> targets = exporter.metricsUrls().stream()
                .map(url -> new PrometheusScrapeConfig.Target(url, Map.of())).toList();
        PrometheusServer prometheus = keep(PrometheusServer.start(prometheusBinary,
                PrometheusScrapeConfig.render("fleet", scrape, targets), PROMETHEUS_READY_TIMEOUT));
        createObjects(cluster.client(), prometheus.url(), window);
        Duration created = Duration.between(began, Instant.now());
        awaitScrapes(prometheus.url(), targets.size(), scrape);
        // Until Prometheus holds a whole window, rates cover part of it and read low; the evaluations
        // then see signals move once, and write status once more. Steady state starts after that.
        double windowFull = Instant.now().plus(scrape.multipliedBy(5)).toEpochMilli() / 1000.0;

        int metricsPort = freeLoopbackPort();
        OperatorProcess operator = keep(OperatorProcess.start(options.out(), cluster.url(), OPERATOR_TOKEN, prometheus.url(),
                metricsPort, options.operatorJvmFlags()));
        printHeader(cluster, prometheus, prometheusBinary, operator, targets.size(), scrape, window, created);
        Instant operatorStarted = Instant.now();
        Duration warmUpLimit = Duration.ofSeconds(120).plus(options.interval().multipliedBy(2))
                .plusMillis(50L * options.pools());
        AtomicReference<Instant> allEvaluated = new AtomicReference<>();
        PollUntil.ready("every pool's evaluation on a full Prometheus window", POLL, warmUpLimit.plus(scrape.multipliedBy(5)), () -> {
            if (!operator.isAlive()) {
                throw new IllegalStateException("the operator exited; its log is " + operator.log());
            }
            try {
                Map<String, Double> last = read(operator, prometheus.url(), counter).lastEvaluation();
                if (last.size() == options.pools()) {
                    allEvaluated.compareAndSet(null, Instant.now());
                }
                return last.size() == options.pools() && last.values().stream().allMatch(t -> t >= windowFull);
            } catch (IOException e) {
                return false;
            }
        });
        out.printf(Locale.ROOT, "Warm-up: every pool evaluated once %.1f s after the operator started, and again on a full"
                        + " %s window after %.1f s.%n%n",
                Duration.between(operatorStarted, allEvaluated.get()).toMillis() / 1000.0, window,
                Duration.between(operatorStarted, Instant.now()).toMillis() / 1000.0);
        printColumns();

        List<Interval> intervals = new ArrayList<>();
        OperatingSystemMXBean self = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long selfCpuStart = self.getProcessCpuTime();
        double promCpuStart = prometheusCpu(prometheus.url());
        Instant measuring = Instant.now();
        Reading previous = read(operator, prometheus.url(), counter);
        Instant end = measuring.plusMillis(Math.round(options.minutes() * 60_000));
        Instant next = measuring.plus(options.interval());
        while (!next.isAfter(end.plusMillis(500)) && !stopRequested.get()) {
            stop.await(Math.max(0, Duration.between(Instant.now(), next).toMillis()), TimeUnit.MILLISECONDS);
            if (stopRequested.get()) {
                break;
            }
            if (!operator.isAlive()) {
                throw new IllegalStateException("the operator exited during the run; its log is " + operator.log());
            }
            Reading current = read(operator, prometheus.url(), counter);
            Interval figures = Interval.between(previous, current, options.interval(),
                    Duration.between(measuring, current.at()).toMillis() / 1000.0);
            intervals.add(figures);
            printLine(figures);
            previous = current;
            next = next.plus(options.interval());
        }
        double wall = Duration.between(measuring, Instant.now()).toNanos() / 1e9;
        summarize(intervals, (self.getProcessCpuTime() - selfCpuStart) / 1e9 / wall,
                (prometheusCpu(prometheus.url()) - promCpuStart) / wall, prometheus.url());
        out.flush();
        return !stopRequested.get();
    }

    private void printHeader(EmbeddedCluster cluster, PrometheusServer prometheus, Path binary, OperatorProcess operator,
            int namespaces, Duration scrape, String window, Duration created) {
        out.printf(Locale.ROOT, "tokenscale bench: %d InferencePools in %d namespace%s, Recommend mode, a Deployment of %d ready"
                        + " pods each as target, %s; every pool evaluated every %d s; measured for %s min.%n",
                options.pools(), namespaces, namespaces == 1 ? "" : "s", options.podsPerPool(),
                options.selectorEvery() > 0 ? "1 in " + options.selectorEvery() + " reading its series by a metrics selector"
                        + " (model_name), the others by their pods' names" : "every pool reading its series by its pods' names",
                options.interval().toSeconds(), plain(options.minutes()));
        out.printf(Locale.ROOT, "Operator: `tokenscale run` in its own JVM, pid %d, from %s, with deploy/'s settings: %s. Its log: %s%n",
                operator.pid(), operator.classPath(), String.join(" ", options.operatorJvmFlags()), operator.log());
        out.printf(Locale.ROOT, "API server: the demo's embedded one at %s, %d objects created in %.1f s; the requests counted"
                        + " are the operator's alone (its own token).%n",
                cluster.url(), options.pools() * (2 + options.podsPerPool()), created.toMillis() / 1000.0);
        out.printf(Locale.ROOT, "Prometheus: %s at %s, scraping %d emulated pods (one target per namespace) every %d s; pools"
                        + " read a %s window. Queries are Prometheus' own count (prometheus_http_requests_total,"
                        + " /api/v1/query and /api/v1/query_range).%n",
                binary, prometheus.url(), options.pools() * options.podsPerPool(), scrape.toSeconds(), window);
        out.printf(Locale.ROOT, "Heap is the operator's (jvm_memory_used_bytes, area heap), RSS and CPU its process's"
                + " (/proc/%d/status VmRSS; CPU time over wall time, 1.00 = one core). The API server, the emulator and"
                + " Prometheus run outside it; their own figures are in the summary.%n", operator.pid());
        out.flush();
    }

    private void printColumns() {
        out.println("evaluated: pools whose latest evaluation is at most 1.1 intervals old; late: over 1.5 intervals old;"
                + " recon: reconciles; p50/p99: reconcile latency (ms); promql: queries; get..delete: API requests by verb;"
                + " load: the machine's 1-minute load average.");
        out.printf(Locale.ROOT, "%7s %9s %5s %6s %7s %7s %6s %5s %5s %5s %6s %6s %6s %6s %8s %7s %5s %5s%n", "time_s", "evaluated",
                "late", "recon", "p50_ms", "p99_ms", "promql", "get", "list", "watch", "create", "update", "patch", "delete",
                "heap_MB", "rss_MB", "cpu", "load");
        out.flush();
    }

    private void printLine(Interval i) {
        Map<String, Long> verbs = i.apiByVerb();
        out.printf(Locale.ROOT, "%7.1f %9s %5d %6d %7.1f %7.1f %6d %5d %5d %5d %6d %6d %6d %6d %8.1f %7.1f %5.2f %5.2f%n",
                i.seconds(), i.evaluated() + "/" + i.pools(), i.late(), i.reconciles(), i.p50Ms(), i.p99Ms(), i.queries(),
                verbs.get("get"), verbs.get("list"), verbs.get("watch"), verbs.get("create"), verbs.get("update"),
                verbs.get("patch"), verbs.get("delete"), i.heapMb(), i.rssMb(), i.cpuCores(), i.loadAverage());
        out.flush();
    }

    /** The first interval still carries the tail of the warm-up's status writes, so steady state starts at the second. */
    private void summarize(List<Interval> intervals, double benchCores, double prometheusCores, URI prometheus) {
        out.println();
        if (intervals.isEmpty()) {
            out.println("No full interval was measured.");
            return;
        }
        List<Interval> steady = intervals.size() > 1 ? intervals.subList(1, intervals.size()) : intervals;
        String which = intervals.size() > 1 ? "intervals 2 to " + intervals.size() + ", after the first" : "the only interval";
        out.printf(Locale.ROOT, "Summary, %d pools every %d s, steady state (%s):%n", options.pools(),
                options.interval().toSeconds(), which);
        out.printf(Locale.ROOT, "  pools evaluated per interval: min %d, max %d of %d; late pools: max %d%n",
                steady.stream().mapToInt(Interval::evaluated).min().orElse(0),
                steady.stream().mapToInt(Interval::evaluated).max().orElse(0), options.pools(),
                steady.stream().mapToInt(Interval::late).max().orElse(0));
        out.printf(Locale.ROOT, "  PromQL queries per interval: mean %.1f, max %d%n",
                steady.stream().mapToLong(Interval::queries).average().orElse(0),
                steady.stream().mapToLong(Interval::queries).max().orElse(0));
        Map<String, Long> byRequest = new LinkedHashMap<>();
        steady.forEach(i -> i.apiByRequest().forEach((k, v) -> byRequest.merge(k, v, Long::sum)));
        out.printf(Locale.ROOT, "  API requests per interval: mean %.1f, max %d%s%n",
                steady.stream().mapToLong(Interval::apiRequests).average().orElse(0),
                steady.stream().mapToLong(Interval::apiRequests).max().orElse(0),
                byRequest.isEmpty() ? "" : " (in all: " + String.join(", ", byRequest.entrySet().stream()
                        .map(e -> e.getValue() + " " + e.getKey()).toList()) + ")");
        out.printf(Locale.ROOT, "  reconcile latency: p50 %.1f ms, p99 %.1f ms (worst interval's)%n",
                steady.stream().mapToDouble(Interval::p50Ms).filter(d -> !Double.isNaN(d)).max().orElse(Double.NaN),
                steady.stream().mapToDouble(Interval::p99Ms).filter(d -> !Double.isNaN(d)).max().orElse(Double.NaN));
        out.printf(Locale.ROOT, "  operator: heap used max %.1f MB, RSS max %.1f MB, CPU mean %.2f cores (max %.2f)%n",
                steady.stream().mapToDouble(Interval::heapMb).max().orElse(Double.NaN),
                steady.stream().mapToDouble(Interval::rssMb).max().orElse(Double.NaN),
                steady.stream().mapToDouble(Interval::cpuCores).average().orElse(Double.NaN),
                steady.stream().mapToDouble(Interval::cpuCores).max().orElse(Double.NaN));
        OptionalLong benchRss = ProcFigures.rssKb(ProcessHandle.current().pid());
        double prometheusRss = prometheusRssMb(prometheus);
        out.printf(Locale.ROOT, "  outside the operator: this JVM (API server, emulator, table) RSS %s, CPU %.2f cores;"
                        + " Prometheus RSS %.1f MB, CPU %.2f cores; %d CPUs, load average %.2f at the end%n",
                benchRss.isPresent() ? String.format(Locale.ROOT, "%.1f MB", benchRss.getAsLong() / 1024.0) : "n/a",
                benchCores, prometheusRss, prometheusCores, Runtime.getRuntime().availableProcessors(),
                ProcFigures.loadAverage().orElse(Double.NaN));
    }

    private Reading read(OperatorProcess operator, URI prometheus, ApiRequestCounter counter)
            throws IOException, InterruptedException {
        Instant at = Instant.now();
        Map<String, Long> api = counter.counts();
        OptionalLong rss = operator.rssKb();
        Duration cpu = operator.cpu();
        OptionalDouble load = ProcFigures.loadAverage();
        MetricsText own = MetricsText.parse(operator.metrics(), name -> name.startsWith("tokenscale_pool_last_evaluation")
                || name.startsWith("tokenscale_reconcile_duration") || name.equals("jvm_memory_used_bytes"));
        MetricsText prom = MetricsText.parse(get(prometheus.resolve("/metrics")), "prometheus_http_requests_total"::equals);
        return Reading.of(at, own, prom, api, rss, cpu, load);
    }

    private double prometheusCpu(URI prometheus) throws IOException, InterruptedException {
        return MetricsText.parse(get(prometheus.resolve("/metrics")), "process_cpu_seconds_total"::equals)
                .sum("process_cpu_seconds_total", Map.of());
    }

    private double prometheusRssMb(URI prometheus) {
        try {
            return MetricsText.parse(get(prometheus.resolve("/metrics")), "process_resident_memory_bytes"::equals)
                    .sum("process_resident_memory_bytes", Map.of()) / (1024.0 * 1024);
        } catch (IOException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    /** Namespaces, Deployments with their ready pods, and pools, several at a time. */
    private void createObjects(KubernetesClient client, URI prometheus, String window) throws InterruptedException {
        InferencePool template;
        try (InputStream yaml = BenchRun.class.getResourceAsStream(POOL_TEMPLATE)) {
            if (yaml == null) {
                throw new IllegalStateException("the jar lacks " + POOL_TEMPLATE + "; build it with mvn package");
            }
            template = client.resources(InferencePool.class).load(yaml).item();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int n = 0; n * POOLS_PER_NAMESPACE < options.pools(); n++) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace(n * POOLS_PER_NAMESPACE))
                    .endMetadata().build()).create();
        }
        ExecutorService creators = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < options.pools(); i++) {
                int index = i;
                done.add(creators.submit(() -> createPool(client, template, index, prometheus, window)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not create the benchmark's objects: " + e.getCause(), e.getCause());
        } finally {
            creators.shutdownNow();
        }
    }

    private void createPool(KubernetesClient client, InferencePool template, int i, URI prometheus, String window) {
        String namespace = namespace(i);
        String name = name(i);
        int pods = options.podsPerPool();
        client.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withReplicas(pods)
                    .withNewSelector().addToMatchLabels("app", name).endSelector()
                    .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                        .withNewSpec().addNewContainer().withName("vllm").withImage("emulated/vllm").endContainer().endSpec()
                    .endTemplate()
                .endSpec()
                .withNewStatus().withReplicas(pods).withReadyReplicas(pods).withAvailableReplicas(pods).withObservedGeneration(1L)
                .endStatus()
                .build()).create();
        for (String pod : pods(i)) {
            client.pods().inNamespace(namespace).resource(new PodBuilder()
                    .withNewMetadata().withName(pod).withNamespace(namespace).addToLabels("app", name).endMetadata()
                    .withNewSpec().addNewContainer().withName("vllm").withImage("emulated/vllm").endContainer().endSpec()
                    .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True").endCondition()
                    .endStatus()
                    .build()).create();
        }
        InferencePool pool = client.getKubernetesSerialization().clone(template);
        pool.getMetadata().setName(name);
        pool.getMetadata().setNamespace(namespace);
        pool.getSpec().getScaleTargetRef().setName(name);
        pool.getSpec().setMinReplicas(1);
        pool.getSpec().setMode(PoolMode.RECOMMEND);
        pool.getSpec().setEvaluationInterval(options.interval().toSeconds() + "s");
        pool.getSpec().getMetrics().getPrometheus().setUrl(prometheus.toString());
        pool.getSpec().getMetrics().setWindow(window);
        pool.getSpec().getMetrics().setSelector(usesSelector(i) ? Map.of("model_name", modelName(i)) : null);
        client.resource(pool).create();
    }

    /** Waits until Prometheus has scraped every namespace once. */
    private void awaitScrapes(URI prometheus, int targets, Duration scrape) {
        PollUntil.ready("Prometheus' first scrape of every namespace", POLL, PROMETHEUS_READY_TIMEOUT.plus(scrape.multipliedBy(3)),
                () -> {
                    JsonNode active = json.readTree(get(prometheus.resolve("/api/v1/targets?state=active")))
                            .path("data").path("activeTargets");
                    int up = 0;
                    for (JsonNode t : active) {
                        up += "up".equals(t.path("health").asText()) ? 1 : 0;
                    }
                    return up == targets;
                });
    }

    private static String get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(uri + " answered " + response.statusCode());
        }
        return response.body();
    }

    private boolean usesSelector(int i) {
        return options.selectorEvery() > 0 && i % options.selectorEvery() == options.selectorEvery() - 1;
    }

    private String modelName(int i) {
        return usesSelector(i) ? MODEL + "-" + i : MODEL;
    }

    private List<String> pods(int i) {
        List<String> pods = new ArrayList<>();
        for (int p = 0; p < options.podsPerPool(); p++) {
            pods.add(name(i) + "-" + p);
        }
        return pods;
    }

    /**
     * Between 40% and 60% utilization, inside the example pool's 30..80% band, so no pool wants to
     * scale and, with steady series, nothing a user sees changes after the first evaluation.
     */
    private double arrivalRps(int i, LoadModel.Params model) {
        return (0.40 + 0.05 * (i % 5)) * options.podsPerPool() * model.capacityRpsPerReplica();
    }

    static String namespace(int i) {
        return "bench-" + (i / POOLS_PER_NAMESPACE);
    }

    static String name(int i) {
        return "pool-" + i;
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** The embedded API server logs warnings about its own CRD version; the table is the output. */
    private static void quietLibraries() {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.fabric8")).setLevel(Level.ERROR);
    }

    private synchronized <T extends AutoCloseable> T keep(T resource) {
        open.push(resource);
        return resource;
    }

    /** Stops what was started, newest first (the operator before the API server it talks to). */
    @Override
    public synchronized void close() {
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
}
