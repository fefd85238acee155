package dev.tokenscale.operator;

import dev.tokenscale.api.InferencePool;
import dev.tokenscale.policy.LabelSelection;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Optional;

/**
 * The pool's workload: replicas and selector as its /scale subresource reports them, ready
 * replicas from the workload's own status where the kind reports them (apps/v1 Deployment and
 * StatefulSet), else the ready pods the selector matches. With {@link WorkloadInformers} all of it
 * comes from informer caches, for any kind whose scale fields {@link CrdScalePaths} can locate;
 * without them, or until they have synced, from a GET of /scale, a GET of the workload and a LIST
 * of pods. Writes always go through {@link ScaleSubresource}.
 */
public final class ScaleTargetClient {

    private final KubernetesClient client;
    private final KindDiscovery discovery;
    private final ScaleSubresource scale;
    private final WorkloadInformers informers;
    private final CrdScalePaths paths;

    /** Reads through the API server on every call, for tools and tests without a running controller. */
    public ScaleTargetClient(KubernetesClient client) {
        this(client, null);
    }

    ScaleTargetClient(KubernetesClient client, WorkloadInformers informers) {
        this.client = client;
        this.discovery = new KindDiscovery(client);
        this.scale = new ScaleSubresource(client);
        this.informers = informers;
        this.paths = new CrdScalePaths(client);
    }

    /** Everything the evaluation needs to know about the workload now. */
    public record Observed(ScalableKind kind, TargetScale scale, int readyReplicas, TargetPods pods) {}

    public Observed observe(String namespace, String apiVersion, String kindName, String name)
            throws TargetNotFoundException {
        return observe(null, namespace, apiVersion, kindName, name);
    }

    /** @param pool the pool whose target this is, so its pods' events re-evaluate it; null for none */
    Observed observe(InferencePool pool, String namespace, String apiVersion, String kindName, String name)
            throws TargetNotFoundException {
        if (informers == null) {
            return read(null, namespace, apiVersion, kindName, name);
        }
        String workload = OwnScaleWrites.key(namespace, apiVersion, kindName, name);
        try {
            Observed observed = read(pool, namespace, apiVersion, kindName, name);
            informers.found(workload);
            return observed;
        } catch (TargetNotFoundException e) {
            // Its creation is news for the pool then, and re-evaluates it at once.
            informers.missing(workload);
            throw e;
        }
    }

    private Observed read(InferencePool pool, String namespace, String apiVersion, String kindName, String name)
            throws TargetNotFoundException {
        ScalableKind kind = discovery.resolve(apiVersion, kindName);
        Optional<ScalePaths> where = informers == null ? Optional.empty() : paths.of(kind);
        Optional<GenericKubernetesResource> object = where.isEmpty() ? Optional.empty()
                : informers.workload(kind, namespace, name, where.get());
        Optional<ScalePaths.Figures> cached = object.map(o -> where.get().figures(o));
        TargetScale current = object
                .map(o -> {
                    ScalePaths.Figures f = where.get().figures(o);
                    // /scale's resourceVersion is its object's, so a write can carry the cached one.
                    return new TargetScale(f.specReplicas(), f.statusReplicas(), f.selector(), o.getMetadata().getResourceVersion());
                })
                .orElse(null);
        if (current == null) {
            current = scale.read(kind, namespace, name);
        }
        TargetPods pods = pods(pool, kind, namespace, name, current.selector());
        Integer fromStatus = cached.isPresent() ? cached.get().readyReplicas() : readyFromWorkloadStatus(kind, namespace, name);
        int ready = fromStatus != null ? fromStatus : pods.ready();
        if (informers != null) {
            informers.ownWrites().settle(OwnScaleWrites.key(namespace, kind.apiVersion(), kind.kind(), name),
                    current.specReplicas(), current.statusReplicas(), ready);
        }
        return new Observed(kind, current, ready, pods);
    }

    /**
     * Writes spec.replicas through /scale, after checking it against the pool's bounds. This is the
     * only way the operator writes replicas, so no caller can skip the check.
     */
    public TargetScale writeReplicas(ScalableKind kind, String namespace, String name, ReplicaBounds bounds, int replicas)
            throws TargetNotFoundException, InvalidDecisionException {
        return writeReplicas(kind, namespace, name, bounds, replicas, null);
    }

    /**
     * @param known what the evaluation read, sent with its resourceVersion instead of a fresh GET of
     *     /scale; if the workload has changed since, the API server answers 409 and the write re-reads.
     *     Null to read first.
     */
    TargetScale writeReplicas(ScalableKind kind, String namespace, String name, ReplicaBounds bounds, int replicas,
            TargetScale known) throws TargetNotFoundException, InvalidDecisionException {
        bounds.check(replicas);
        if (informers == null) {
            return scale.writeReplicas(kind, namespace, name, replicas, known);
        }
        String workload = OwnScaleWrites.key(namespace, kind.apiVersion(), kind.kind(), name);
        informers.ownWrites().expect(workload, replicas);
        try {
            TargetScale written = scale.writeReplicas(kind, namespace, name, replicas, known);
            informers.ownWrites().wrote(workload, replicas, written.resourceVersion());
            return written;
        } catch (TargetNotFoundException | RuntimeException e) {
            informers.ownWrites().cancel(workload, replicas);
            throw e;
        }
    }

    private TargetPods pods(InferencePool pool, ScalableKind kind, String namespace, String name, String selector) {
        if (selector.isEmpty()) {
            return TargetPods.none();
        }
        Optional<List<Pod>> cached = Optional.empty();
        LabelSelection parsed = null;
        if (informers != null) {
            try {
                parsed = LabelSelectorText.selection(selector);
                cached = informers.pods(namespace, parsed);
            } catch (IllegalArgumentException e) {
                // A selector this parser cannot read goes to the API server, which reads every valid one.
            }
        }
        TargetPods pods = TargetPods.of(cached.orElseGet(() -> client.pods().inNamespace(namespace)
                .list(TargetPods.selecting(selector).build()).getItems()));
        if (pool != null && parsed != null) {
            informers.observed(pool, OwnScaleWrites.key(namespace, kind.apiVersion(), kind.kind(), name), parsed, pods.names());
        }
        return pods;
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
