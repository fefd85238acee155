package dev.tokenscale.operator;

import dev.tokenscale.api.InferencePool;
import dev.tokenscale.api.ScalingSpec;
import dev.tokenscale.policy.Signal;
import dev.tokenscale.testing.FakeSignalReader;
import dev.tokenscale.testing.MockCluster;
import dev.tokenscale.testing.MutableClock;
import dev.tokenscale.testing.TestPools;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * How much drain-aware scale-down adds to one evaluation, measured, not asserted: the real reconciler
 * on the mock API server evaluates two identical 8-replica Deployment pools, one with
 * {@code drainAware: true}, one with false, each evaluation a scale-down (8 to 7, then the Deployment is
 * set back to 8 outside the timing), alternating so both see the same conditions. The evaluation
 * after each scale-down (a cooldown hold, which looks for marks to clear) is timed too. Run it from the repository root after
 * {@code mvn -B -q test-compile}:
 *
 * <pre>
 * cd operator &amp;&amp; java -cp "$(cat CLASSPATH)" dev.tokenscale.operator.ScaleDownLatencyBenchmark
 * </pre>
 * from {@code operator/} (it reads deploy/'s RBAC from there, as the tests do), where CLASSPATH holds the
 * test class path, e.g. the {@code surefire.test.class.path} property of any report in
 * {@code target/surefire-reports}.
 */
public final class ScaleDownLatencyBenchmark {

    private static final int ROUNDS = 60;
    private static final int WARMUP = 15;

    private ScaleDownLatencyBenchmark() {}

    public static void main(String[] args) throws Exception {
        MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
        FakeSignalReader signals = new FakeSignalReader(clock);
        try (MockCluster cluster = new MockCluster()) {
            InferencePoolReconciler reconciler = new InferencePoolReconciler(cluster.operatorClient(), signals,
                    new KubernetesEvents(cluster.operatorClient(), clock, "benchmark"), new OperatorMetrics(new PrometheusRegistry()),
                    clock, URI.create("http://127.0.0.1:9"));
            for (String ns : List.of("on", "off")) {
                cluster.createDeployment(ns, "llama", 8);
                InferencePool pool = TestPools.deploymentPool(ns, "pool", "llama", 1, 10);
                ScalingSpec scaling = new ScalingSpec();
                scaling.setDrainAware(ns.equals("on"));
                pool.getSpec().setScaling(scaling);
                cluster.client().resource(pool).create();
                signals.pool(ns, "pool").healthy().set(Signal.UTILIZATION_PERCENT, 10);
                for (int i = 0; i < 8; i++) {
                    signals.pool(ns, "pool").running("llama-" + i, i % 3);
                }
            }
            List<Double> on = new ArrayList<>();
            List<Double> off = new ArrayList<>();
            List<Double> onNext = new ArrayList<>();
            List<Double> offNext = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                for (String ns : round % 2 == 0 ? List.of("on", "off") : List.of("off", "on")) {
                    awaitPods(cluster, ns, 8);
                    clock.advance(Duration.ofSeconds(301));
                    double scaleDown = timeOne(reconciler, cluster, ns);
                    double next = timeOne(reconciler, cluster, ns);
                    if (round >= WARMUP) {
                        (ns.equals("on") ? on : off).add(scaleDown);
                        (ns.equals("on") ? onNext : offNext).add(next);
                    }
                    setReplicas(cluster, ns, 8);
                }
            }
            System.out.printf(Locale.ROOT, "Scale-down evaluation (8 -> 7 replicas), %d rounds after %d warm-up, mock API server:%n",
                    ROUNDS - WARMUP, WARMUP);
            print("drainAware false", off);
            print("drainAware true ", on);
            System.out.printf(Locale.ROOT, "  median overhead: %+.1f%%%n", 100 * (median(on) / median(off) - 1));
            System.out.println("The evaluation after it (a cooldown hold):");
            print("drainAware false", offNext);
            print("drainAware true ", onNext);
            System.out.printf(Locale.ROOT, "  median overhead: %+.1f%%%n", 100 * (median(onNext) / median(offNext) - 1));
        }
    }

    /** The fake workload controller writes status meanwhile, so a conflict is retried. */
    private static void setReplicas(MockCluster cluster, String ns, int replicas) {
        for (int attempt = 0; ; attempt++) {
            try {
                cluster.client().apps().deployments().inNamespace(ns).withName("llama")
                        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":" + replicas + "}}");
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt > 20) {
                    throw e;
                }
            }
        }
    }

    private static double timeOne(InferencePoolReconciler reconciler, MockCluster cluster, String ns) {
        InferencePool pool = cluster.pool(ns, "pool");
        long started = System.nanoTime();
        reconciler.reconcile(pool, liveContext());
        return (System.nanoTime() - started) / 1e6;
    }

    private static void awaitPods(MockCluster cluster, String ns, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (cluster.client().pods().inNamespace(ns).list().getItems().size() != count
                || cluster.deploymentReplicas(ns, "llama") != count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(ns + ": the Deployment did not get back to " + count + " pods");
            }
            Thread.sleep(20);
        }
    }

    /** A Context whose pool is not being deleted; nothing else of it is read by the reconciler. */
    @SuppressWarnings("unchecked")
    private static Context<InferencePool> liveContext() {
        return (Context<InferencePool>) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("isPrimaryResourceDeleted")) {
                        return false;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static void print(String label, List<Double> millis) {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "  %s: median %.2f ms, mean %.2f ms, p90 %.2f ms%n", label, median(sorted),
                sorted.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN),
                sorted.get((int) Math.floor(0.9 * (sorted.size() - 1))));
    }

    private static double median(List<Double> millis) {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
