package dev.tokenscale.cli;

import dev.tokenscale.operator.KubernetesEvents;
import dev.tokenscale.operator.MetricsServer;
import dev.tokenscale.operator.OperatorMetrics;
import dev.tokenscale.operator.OperatorOptions;
import dev.tokenscale.operator.ProbeAnswer;
import dev.tokenscale.operator.ShardSelector;
import dev.tokenscale.operator.TokenscaleOperator;
import dev.tokenscale.signals.PresetCatalog;
import dev.tokenscale.signals.BatchedSignalReader;
import dev.tokenscale.signals.PrometheusHistoryReader;
import dev.tokenscale.signals.Redaction;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {
            "Run the operator: reconcile InferencePools and scale their targets through /scale.",
            "Uses the current kubeconfig (KUBECONFIG is honoured) or, inside a pod, the in-cluster config.",
            "Every option can also be set by the environment variable shown.",
            "Exit 2: a flag or the kubeconfig is unusable. Exit 1: the API server is down or refuses the operator at start."
        })
final class RunCommand implements Callable<Integer> {

    static final int BAD_INPUT = 2;
    static final int CANNOT_START = 1;

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);
    private static final Path SERVICE_ACCOUNT_TOKEN = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");
    private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    @Spec
    CommandSpec spec;

    @Option(names = "--prometheus-url", defaultValue = "${env:TOKENSCALE_PROMETHEUS_URL}",
            description = "Prometheus for pools that set no spec.metrics.prometheus.url: an absolute http(s) URL (env TOKENSCALE_PROMETHEUS_URL).")
    String prometheusUrl;

    @Option(names = "--prometheus-max-response-bytes",
            defaultValue = "${env:TOKENSCALE_PROMETHEUS_MAX_RESPONSE_BYTES:-1048576}",
            description = "The most one Prometheus answer may hold; a longer one is abandoned as it streams in and its signal is "
                    + "missing (malformed). Default ${DEFAULT-VALUE} (env TOKENSCALE_PROMETHEUS_MAX_RESPONSE_BYTES).")
    long prometheusMaxResponseBytes;

    @Option(names = "--namespaces", defaultValue = "${env:TOKENSCALE_NAMESPACES}",
            description = "Comma-separated namespaces to watch; all when unset (env TOKENSCALE_NAMESPACES).")
    String namespaces;

    @Option(names = "--metrics-port", defaultValue = "${env:TOKENSCALE_METRICS_PORT:-8080}",
            description = "Port of /metrics, /healthz and /readyz; default ${DEFAULT-VALUE} (env TOKENSCALE_METRICS_PORT).")
    int metricsPort;

    @Option(names = "--leader-election", arity = "0..1", fallbackValue = "true",
            defaultValue = "${env:TOKENSCALE_LEADER_ELECTION}",
            description = "Take a Lease so one replica acts; default on in a cluster, off outside (env TOKENSCALE_LEADER_ELECTION).")
    Boolean leaderElection;

    @Option(names = "--unhealthy-after", defaultValue = "${env:TOKENSCALE_UNHEALTHY_AFTER:-2m}",
            description = "/healthz fails once the API server has been unreachable this long, so Kubernetes restarts the pod; "
                    + "default ${DEFAULT-VALUE} (env TOKENSCALE_UNHEALTHY_AFTER).")
    String unhealthyAfter;

    @Mixin
    ShardOptions sharding = new ShardOptions();

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        boolean inCluster = System.getenv("KUBERNETES_SERVICE_HOST") != null && Files.exists(SERVICE_ACCOUNT_TOKEN);
        URI prometheus;
        Set<String> watched;
        int port;
        Duration unhealthy;
        ShardSelector shard;
        String leaseName;
        try {
            shard = sharding.shard();
            leaseName = sharding.leaseName(shard);
            prometheus = prometheusUrl();
            watched = namespaces();
            port = metricsPort();
            if (prometheusMaxResponseBytes < 1) {
                throw new BadInputException("--prometheus-max-response-bytes: must be at least 1, got " + prometheusMaxResponseBytes);
            }
            unhealthy = DurationArgument.parse(unhealthyAfter, "--unhealthy-after");
            if (unhealthy.isZero() || unhealthy.isNegative()) {
                throw new BadInputException("--unhealthy-after: must be above 0, got " + unhealthyAfter);
            }
            KubeconfigCheck.verify(System.getProperty("kubeconfig", System.getenv("KUBECONFIG")),
                    Path.of(System.getProperty("user.home")), inCluster);
        } catch (BadInputException e) {
            return fail(err, BAD_INPUT, e.getMessage());
        }
        boolean electing = leaderElection != null ? leaderElection : inCluster;
        Clock clock = Clock.systemUTC();
        OperatorMetrics metrics = OperatorMetrics.withJvmMetrics(PrometheusRegistry.defaultRegistry);
        AtomicReference<TokenscaleOperator> running = new AtomicReference<>();
        MetricsServer server;
        // Bound before the client is built: fabric8 loads its whole model first, seconds on a busy node.
        try {
            // The probes answer while the operator starts: live at once, ready once it runs, leads and lists its pools.
            server = MetricsServer.start("0.0.0.0", port, metrics.registry(),
                    () -> running.get() == null ? ProbeAnswer.ok("starting") : running.get().liveness(),
                    () -> running.get() == null ? ProbeAnswer.failing("starting") : running.get().readiness());
        } catch (BindException e) {
            return fail(err, BAD_INPUT, "--metrics-port " + port + " is in use (" + e.getMessage() + ")");
        } catch (IOException e) {
            return fail(err, BAD_INPUT, "--metrics-port " + port + ": cannot listen (" + e.getMessage() + ")");
        }
        try (server) {
            KubernetesClient client = new KubernetesClientBuilder().build();
            Optional<String> problem = ApiServerPreflight.problem(client.getConfiguration(), watched);
            if (problem.isPresent()) {
                client.close();
                return fail(err, CANNOT_START, problem.get());
            }
            String identity = System.getenv().getOrDefault("HOSTNAME", "tokenscale-" + ProcessHandle.current().pid());
            OperatorOptions options = new OperatorOptions(prometheus, watched, electing, operatorNamespace(client),
                    identity, Duration.ofMinutes(5), unhealthy, shard, leaseName);
            LOG.info("tokenscale operator starting: API server {}, namespaces {}, leader election {}, default Prometheus {}",
                    client.getMasterUrl(), watched.isEmpty() ? "all" : watched, electing ? "on" : "off",
                    prometheus == null ? "none (pools must set spec.metrics.prometheus.url)" : Redaction.url(prometheus));
            LOG.info("pools: {}; lease {}", shard == null ? "all" : "labels matching " + shard.text(), leaseName);
            LOG.info("metrics, /healthz and /readyz on port {}", server.port());
            // One query per signal for every group of pools sharing a Prometheus, preset and window (docs/signals.md).
            BatchedSignalReader signals = BatchedSignalReader.start(clock, new PresetCatalog(), prometheusMaxResponseBytes,
                    metrics.prometheusQueries(), BatchedSignalReader.DEFAULT_TICK);
            try {
                running.set(TokenscaleOperator.start(client, options, signals,
                        new PrometheusHistoryReader(new PresetCatalog(), prometheusMaxResponseBytes),
                        new KubernetesEvents(client, clock, identity), metrics, clock, () -> System.exit(1)));
            } catch (RuntimeException e) {
                signals.close();
                client.close();
                return fail(err, CANNOT_START, "could not start: " + firstLine(e.getMessage()));
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                LOG.info("stopping");
                running.get().close();
                signals.close();
                client.close();
                stopped.countDown();
            }, "tokenscale-shutdown"));
            stopped.await();
        }
        return 0;
    }

    private URI prometheusUrl() {
        if (prometheusUrl == null) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(prometheusUrl.trim());
        } catch (java.net.URISyntaxException e) {
            throw new BadInputException("--prometheus-url: '" + Redaction.text(prometheusUrl) + "' is not a URL (" + e.getReason() + ")");
        }
        if (!uri.isAbsolute() || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new BadInputException("--prometheus-url: must be an absolute http:// or https:// URL with a host, got '"
                    + Redaction.text(prometheusUrl) + "'");
        }
        if (uri.getRawUserInfo() != null) {
            throw new BadInputException("--prometheus-url: '" + Redaction.url(uri) + "' carries credentials in the URL,"
                    + " which would end up in process lists and logs; give the URL without them");
        }
        return uri;
    }

    private Set<String> namespaces() {
        if (namespaces == null) {
            return Set.of();
        }
        Set<String> names = new LinkedHashSet<>();
        for (String part : namespaces.split(",", -1)) {
            String name = part.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (name.length() > 63 || !DNS_1123_LABEL.matcher(name).matches()) {
                throw new BadInputException("--namespaces: '" + name + "' is not a namespace name (lowercase letters, digits "
                        + "and '-', starting and ending with a letter or digit, at most 63 characters)");
            }
            names.add(name);
        }
        if (names.isEmpty()) {
            throw new BadInputException("--namespaces: empty list; name at least one namespace, or leave the option out to watch all");
        }
        return Set.copyOf(names);
    }

    private int metricsPort() {
        if (metricsPort < 1 || metricsPort > 65535) {
            throw new BadInputException("--metrics-port: must be between 1 and 65535, got " + metricsPort);
        }
        return metricsPort;
    }

    private static int fail(PrintWriter err, int code, String message) {
        err.println("tokenscale run: " + message);
        err.flush();
        return code;
    }

    private static String firstLine(String text) {
        return text == null ? "unknown error" : text.lines().findFirst().orElse("unknown error");
    }

    private static String operatorNamespace(KubernetesClient client) {
        String fromEnv = System.getenv("POD_NAMESPACE");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        String fromConfig = client.getConfiguration().getNamespace();
        return fromConfig != null ? fromConfig : "default";
    }
}
