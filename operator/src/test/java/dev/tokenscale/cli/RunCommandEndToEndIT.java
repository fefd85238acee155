package dev.tokenscale.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenscale.api.InferencePool;
import dev.tokenscale.cli.demo.LoopbackPortRange;
import dev.tokenscale.sim.EmulatedEngine;
import dev.tokenscale.sim.EmulatorSettings;
import dev.tokenscale.sim.LoadModel;
import dev.tokenscale.sim.PrometheusScrapeConfig;
import dev.tokenscale.sim.WorkerEmulator;
import dev.tokenscale.testing.LoopbackPorts;
import dev.tokenscale.testing.MockCluster;
import dev.tokenscale.testing.PrometheusProcess;
import dev.tokenscale.testing.RbacAudit;
import dev.tokenscale.testing.TestPools;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop with nothing faked but the API server: {@code java -jar tokenscale-runtime.jar run} (the image's jar), started
 * as a user would with a kubeconfig, reads a real Prometheus that scrapes emulated vLLM workers, and
 * the workers follow the Deployment's replicas as its pods would. Load rises and the Deployment
 * scales up; load falls and it scales down. Prints the reconcile latency from the operator's own
 * histogram and the operator process's resident memory.
 */
class RunCommandEndToEndIT {

    private static final String NS = "e2e";
    private static final int MAX_REPLICAS = 4;
    /** Generous: the build machine is shared, and a starved Prometheus misses scrapes, which holds scale-downs. */
    private static final Duration WAIT = Duration.ofSeconds(180);
    /** The seed's 20 rps per replica; an idle replica answers its first token in 150 ms. */
    private static final LoadModel.Params MODEL = new LoadModel.Params(20, 150, 20, 200);
    /** What the Deployment's 512Mi limit with MaxRAMPercentage=50 gives the heap. */
    private static final String HEAP = "-Xmx256m";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void loadRisingScalesTheDeploymentUpAndLoadFallingScalesItDown(@TempDir Path dir) throws Exception {
        int firstPort = LoopbackPortRange.findFree(MAX_REPLICAS);
        List<PrometheusScrapeConfig.Target> targets = new ArrayList<>();
        for (int i = 0; i < MAX_REPLICAS; i++) {
            // Every worker that may exist is configured up front, as service discovery would find each pod.
            targets.add(new PrometheusScrapeConfig.Target(URI.create("http://127.0.0.1:" + (firstPort + i) + "/metrics"),
                    Map.of("namespace", NS, "pod", "llama-" + i)));
        }
        EmulatorSettings settings = EmulatorSettings.defaults().withEngine(EmulatedEngine.VLLM).withReplicas(1)
                .withArrivalRps(10).withFirstPort(firstPort).withColdStart(Duration.ofSeconds(2)).withModel(MODEL);
        try (MockCluster cluster = new MockCluster();
                WorkerEmulator workers = WorkerEmulator.start(settings, Clock.systemUTC());
                PrometheusProcess prometheus = PrometheusProcess.start(targets);
                SharedIndexInformer<Deployment> follower = followReplicas(cluster, workers)) {
            cluster.createDeployment(NS, "llama", 1);
            cluster.client().resource(pool()).create();
            int metricsPort = LoopbackPorts.free();
            Process operator = startOperator(dir, cluster, prometheus.url(), metricsPort);
            try {
                await("the operator is ready").atMost(WAIT).ignoreExceptions()
                        .until(() -> get(metricsPort, "/readyz").statusCode() == 200);
                await("the pool is evaluated on real signals").atMost(WAIT).ignoreExceptions()
                        .until(() -> cluster.pool(NS, "pool").getStatus().getSignals().getUtilizationPercent() != null);
                assertThat(cluster.deploymentReplicas(NS, "llama")).isEqualTo(1);

                workers.setArrivalRps(35);

                await("35 rps scales one 20-rps replica up to at least three").atMost(WAIT)
                        .until(() -> cluster.deploymentReplicas(NS, "llama") >= 3);

                workers.setArrivalRps(4);

                await("4 rps scales back down to the minimum of one").atMost(WAIT)
                        .until(() -> cluster.deploymentReplicas(NS, "llama") == 1);
                // The workers follow the Deployment through an informer, a moment after the API has it.
                await("the workers follow the Deployment down to one").atMost(WAIT).until(() -> workers.replicas() == 1);
                assertThat(cluster.events(NS, "ScaledUp")).hasSizeGreaterThanOrEqualTo(2);
                assertThat(cluster.events(NS, "ScaledDown")).hasSizeGreaterThanOrEqualTo(2);
                assertThat(get(metricsPort, "/healthz").statusCode()).isEqualTo(200);
                String exposition = get(metricsPort, "/metrics").body();
                assertThat(exposition).contains("tokenscale_pool_replicas{namespace=\"e2e\",pool=\"pool\"} 1.0")
                        .contains("jvm_memory_used_bytes");
                String log = Files.readString(dir.resolve("operator.log"));
                assertThat(log).contains("pool e2e/pool [Auto]: scale_up 1 -> 2").contains("scale_down 2 -> 1");
                report(exposition, operator.pid());
            } catch (AssertionError | RuntimeException e) {
                // The operator's own decision log is the story of what went wrong; the temp dir goes away.
                System.out.println("operator log:\n" + Files.readString(dir.resolve("operator.log")));
                throw e;
            } finally {
                operator.destroy();
                if (!operator.waitFor(15, TimeUnit.SECONDS)) {
                    operator.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    /**
     * Flags and environment as a user would give them; the pool names no Prometheus, so the default
     * applies. The kubeconfig carries the operator's ServiceAccount token, so deploy/'s RBAC applies.
     */
    private static Process startOperator(Path dir, MockCluster cluster, URI prometheus, int metricsPort) throws IOException {
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: mock
                    cluster:
                      server: %s
                contexts:
                  - name: mock
                    context:
                      cluster: mock
                      user: e2e
                current-context: mock
                users:
                  - name: e2e
                    user:
                      token: %s
                """.formatted(cluster.client().getMasterUrl(), RbacAudit.OPERATOR_TOKEN));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
                "-jar", TokenscaleJar.runtimePath().toString(), "run", "--namespaces", NS, "--metrics-port", String.valueOf(metricsPort))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("operator.log").toFile());
        builder.environment().put("KUBECONFIG", kubeconfig.toString());
        builder.environment().put("TOKENSCALE_PROMETHEUS_URL", prometheus.toString());
        builder.environment().remove("KUBERNETES_SERVICE_HOST");
        return builder.start();
    }

    private static InferencePool pool() {
        InferencePool pool = TestPools.deploymentPool(NS, "pool", "llama", 1, MAX_REPLICAS);
        pool.getSpec().getCooldown().setScaleUp("5s");
        pool.getSpec().getCooldown().setScaleDown("10s");
        pool.getSpec().getMetrics().setPrometheus(null);
        pool.getSpec().getMetrics().setWindow("10s");
        return pool;
    }

    /** The emulated workers follow the Deployment's replicas, as its pods would. */
    private static SharedIndexInformer<Deployment> followReplicas(MockCluster cluster, WorkerEmulator workers) {
        return cluster.client().apps().deployments().inNamespace(NS).withName("llama").inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Deployment d) {
                workers.setReplicas(d.getSpec().getReplicas());
            }

            @Override
            public void onUpdate(Deployment before, Deployment after) {
                workers.setReplicas(after.getSpec().getReplicas());
            }

            @Override
            public void onDelete(Deployment d, boolean unknown) {
                workers.setReplicas(0);
            }
        });
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void report(String exposition, long pid) throws IOException {
        double sum = sample(exposition, "tokenscale_reconcile_duration_seconds_sum");
        double count = sample(exposition, "tokenscale_reconcile_duration_seconds_count");
        double p99 = bucketQuantile(exposition, 0.99, count);
        String rss = Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                .filter(l -> l.startsWith("VmRSS:")).findFirst().orElseThrow().replaceAll("\\s+", " ");
        System.out.printf(Locale.ROOT, "e2e: reconcile latency mean %.1f ms over %d evaluations, P99 <= %.0f ms "
                + "(histogram bucket bound); operator process (%s) %s%n", sum / count * 1000, (long) count, p99 * 1000, HEAP, rss);
        assertThat(count).isGreaterThan(10);
    }

    private static double sample(String exposition, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{namespace=\"e2e\",pool=\"pool\"} (\\S+)$").matcher(exposition);
        assertThat(m.find()).as(name).isTrue();
        return Double.parseDouble(m.group(1));
    }

    /** The smallest bucket bound under which at least q of the observations fall. */
    private static double bucketQuantile(String exposition, double q, double count) {
        Matcher m = Pattern.compile("(?m)^tokenscale_reconcile_duration_seconds_bucket\\{([^}]*)} (\\S+)$").matcher(exposition);
        Pattern le = Pattern.compile("le=\"([^\"]+)\"");
        while (m.find()) {
            String labels = m.group(1);
            Matcher bound = le.matcher(labels);
            if (labels.contains("namespace=\"e2e\"") && labels.contains("pool=\"pool\"") && bound.find()
                    && Double.parseDouble(m.group(2)) >= q * count) {
                return "+Inf".equals(bound.group(1)) ? Double.POSITIVE_INFINITY : Double.parseDouble(bound.group(1));
            }
        }
        throw new AssertionError("no reconcile duration buckets for e2e/pool in /metrics");
    }
}
