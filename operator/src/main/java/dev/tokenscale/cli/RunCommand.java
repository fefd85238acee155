package dev.tokenscale.cli;

import dev.tokenscale.operator.KubernetesEvents;
import dev.tokenscale.operator.MetricsServer;
import dev.tokenscale.operator.OperatorMetrics;
import dev.tokenscale.operator.OperatorOptions;
import dev.tokenscale.operator.ShardSelector;
import dev.tokenscale.operator.TokenscaleOperator;
import dev.tokenscale.signals.PrometheusSignalReader;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {
            "Run the operator: reconcile InferencePools and scale their targets through /scale.",
            "Uses the current kubeconfig (KUBECONFIG is honoured) or, inside a pod, the in-cluster config.",
            "Every option can also be set by the environment variable shown."
        })
final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);
    private static final Path IN_CLUSTER_NAMESPACE = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

    @Option(names = "--prometheus-url", defaultValue = "${env:TOKENSCALE_PROMETHEUS_URL}",
            description = "Prometheus for pools that set no spec.metrics.prometheus.url (env TOKENSCALE_PROMETHEUS_URL).")
    URI prometheusUrl;

    @Option(names = "--namespaces", defaultValue = "${env:TOKENSCALE_NAMESPACES}", split = ",",
            description = "Comma-separated namespaces to watch; all when unset (env TOKENSCALE_NAMESPACES).")
    String[] namespaces;

    @Option(names = "--metrics-port", defaultValue = "${env:TOKENSCALE_METRICS_PORT:-8080}",
            description = "Port of /metrics, /healthz and /readyz; default ${DEFAULT-VALUE} (env TOKENSCALE_METRICS_PORT).")
    int metricsPort;

    @Option(names = "--leader-election", arity = "0..1", fallbackValue = "true",
            defaultValue = "${env:TOKENSCALE_LEADER_ELECTION}",
            description = "Take a Lease so one replica acts; default on in a cluster, off outside (env TOKENSCALE_LEADER_ELECTION).")
    Boolean leaderElection;

    @Mixin
    ShardOptions sharding = new ShardOptions();

    @Override
    public Integer call() throws Exception {
        // A BadInputException ends the command with one line and exit 2, before anything is contacted.
        ShardSelector shard = sharding.shard();
        String leaseName = sharding.leaseName(shard);
        if (prometheusUrl != null && !"http".equals(prometheusUrl.getScheme()) && !"https".equals(prometheusUrl.getScheme())) {
            System.err.println("tokenscale run: --prometheus-url must be an http:// or https:// URL, got " + prometheusUrl);
            return 2;
        }
        boolean inCluster = System.getenv("KUBERNETES_SERVICE_HOST") != null && Files.exists(IN_CLUSTER_NAMESPACE);
        boolean electing = leaderElection != null ? leaderElection : inCluster;
        Set<String> watched = namespaces == null ? Set.of()
                : Arrays.stream(namespaces).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());

        KubernetesClient client = new KubernetesClientBuilder().build();
        String identity = System.getenv().getOrDefault("HOSTNAME", "tokenscale-" + ProcessHandle.current().pid());
        OperatorOptions options = new OperatorOptions(prometheusUrl, watched, electing, operatorNamespace(client),
                identity, Duration.ofMinutes(5), shard, leaseName);
        Clock clock = Clock.systemUTC();
        OperatorMetrics metrics = OperatorMetrics.withJvmMetrics(PrometheusRegistry.defaultRegistry);
        LOG.info("tokenscale operator starting: API server {}, namespaces {}, leader election {}, default Prometheus {}",
                client.getMasterUrl(), watched.isEmpty() ? "all" : watched, electing ? "on" : "off",
                prometheusUrl == null ? "none (pools must set spec.metrics.prometheus.url)" : prometheusUrl);
        LOG.info("pools: {}; lease {}", shard == null ? "all" : "labels matching " + shard.text(), leaseName);

        // The probes answer while the operator starts: live at once, ready once it runs (and leads).
        AtomicReference<TokenscaleOperator> running = new AtomicReference<>();
        try (MetricsServer server = MetricsServer.start("0.0.0.0", metricsPort, metrics.registry(),
                () -> running.get() == null || running.get().isLive(),
                () -> running.get() != null && running.get().isReady())) {
            LOG.info("metrics, /healthz and /readyz on port {}", server.port());
            running.set(TokenscaleOperator.start(client, options, new PrometheusSignalReader(clock),
                    new KubernetesEvents(client, clock, identity), metrics, clock));
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                LOG.info("stopping");
                running.get().close();
                client.close();
                stopped.countDown();
            }, "tokenscale-shutdown"));
            stopped.await();
        }
        return 0;
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
