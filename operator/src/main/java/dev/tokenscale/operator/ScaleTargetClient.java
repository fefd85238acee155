package dev.tokenscale.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Optional;

/**
 * The pool's workload, reached through {@link ScaleSubresource} for replicas and selector. Ready
 * replicas come from the workload's own status where the kind is known to report them (apps/v1
 * Deployment and StatefulSet); for any other kind, the ready pods the /scale selector matches are
 * counted.
 */
public final class ScaleTargetClient {

    private final KubernetesClient client;
    private final KindDiscovery discovery;
    private final ScaleSubresource scale;
    private final WorkloadCache cache;

    public ScaleTargetClient(KubernetesClient client) {
        this(client, new WorkloadCache());
    }

    ScaleTargetClient(KubernetesClient client, WorkloadCache cache) {
        this.client = client;
        this.discovery = new KindDiscovery(client);
        this.scale = new ScaleSubresource(client);
        this.cache = cache;
    }

    /** Everything the evaluation needs to know about the workload now. */
    public record Observed(ScalableKind kind, TargetScale scale, int readyReplicas, TargetPods pods) {}

    public Observed observe(String namespace, String apiVersion, String kindName, String name)
            throws TargetNotFoundException {
        ScalableKind kind = discovery.resolve(apiVersion, kindName);
        Optional<WorkloadCache.Cached> cached = cache.find(kind, namespace, name);
        TargetScale current = cached.isPresent() ? cached.get().scale() : scale.read(kind, namespace, name);
        TargetPods pods = current.selector().isEmpty()
                ? TargetPods.none()
                : TargetPods.of(client.pods().inNamespace(namespace)
                        .list(TargetPods.selecting(current.selector()).build()).getItems());
        Integer fromStatus = cached.isPresent() ? Integer.valueOf(cached.get().readyReplicas())
                : readyFromWorkloadStatus(kind, namespace, name);
        int ready = fromStatus != null ? fromStatus : pods.ready();
        return new Observed(kind, current, ready, pods);
    }

    /**
     * Writes spec.replicas through /scale, after checking it against the pool's bounds. This is the
     * only way the operator writes replicas, so no caller can skip the check.
     */
    public TargetScale writeReplicas(ScalableKind kind, String namespace, String name, ReplicaBounds bounds, int replicas)
            throws TargetNotFoundException, InvalidDecisionException {
        bounds.check(replicas);
        return scale.writeReplicas(kind, namespace, name, replicas);
    }

    private Integer readyFromWorkloadStatus(ScalableKind kind, String namespace, String name) {
        if (!"apps/v1".equals(kind.apiVersion())) {
            return null;
        }
        HasMetadata workload;
        Integer ready;
        switch (kind.kind()) {
            case "Deployment" -> {
                Deployment d = client.apps().deployments().inNamespace(namespace).withName(name).get();
                workload = d;
                ready = d == null || d.getStatus() == null ? null : d.getStatus().getReadyReplicas();
            }
            case "StatefulSet" -> {
                StatefulSet s = client.apps().statefulSets().inNamespace(namespace).withName(name).get();
                workload = s;
                ready = s == null || s.getStatus() == null ? null : s.getStatus().getReadyReplicas();
            }
            default -> {
                return null;
            }
        }
        // A workload whose controller has not written status yet has no ready replicas.
        return workload == null ? null : (ready == null ? 0 : ready);
    }
}
