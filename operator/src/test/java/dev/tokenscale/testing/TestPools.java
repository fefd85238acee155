package dev.tokenscale.testing;

import dev.tokenscale.api.CooldownSpec;
import dev.tokenscale.api.CostSpec;
import dev.tokenscale.api.InferencePool;
import dev.tokenscale.api.InferencePoolSpec;
import dev.tokenscale.api.MetricsSpec;
import dev.tokenscale.api.PoolMode;
import dev.tokenscale.api.PrometheusSpec;
import dev.tokenscale.api.ScaleTargetRef;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/**
 * InferencePools for tests, as a user would write them, with every field the CRD would default
 * spelled out (the mock API server applies no defaults). Evaluated every second of wall time;
 * cooldowns are measured on the test's {@link MutableClock}.
 */
public final class TestPools {

    private TestPools() {}

    public static InferencePool deploymentPool(String namespace, String name, String deployment, int min, int max) {
        return pool(namespace, name, "apps/v1", "Deployment", deployment, min, max);
    }

    public static InferencePool pool(String namespace, String name, String apiVersion, String kind, String target, int min, int max) {
        InferencePool pool = new InferencePool();
        pool.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        InferencePoolSpec spec = new InferencePoolSpec();
        ScaleTargetRef ref = new ScaleTargetRef();
        ref.setApiVersion(apiVersion);
        ref.setKind(kind);
        ref.setName(target);
        spec.setScaleTargetRef(ref);
        spec.setMinReplicas(min);
        spec.setMaxReplicas(max);
        spec.setMode(PoolMode.AUTO);
        spec.setEvaluationInterval("1s");
        CooldownSpec cooldown = new CooldownSpec();
        cooldown.setScaleUp("60s");
        cooldown.setScaleDown("300s");
        spec.setCooldown(cooldown);
        CostSpec cost = new CostSpec();
        cost.setGpusPerReplica(8);
        cost.setGpuHourlyCost(2.0);
        cost.setOverheadPercent(5.0);
        spec.setCost(cost);
        MetricsSpec metrics = new MetricsSpec();
        PrometheusSpec prometheus = new PrometheusSpec();
        // Never contacted: tests read signals from a FakeSignalReader, or a Prometheus they started.
        prometheus.setUrl("http://127.0.0.1:9");
        metrics.setPrometheus(prometheus);
        spec.setMetrics(metrics);
        pool.setSpec(spec);
        return pool;
    }
}
