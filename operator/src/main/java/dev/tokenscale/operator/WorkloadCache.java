package dev.tokenscale.operator;

import dev.tokenscale.api.InferencePool;
import dev.tokenscale.api.ScaleTargetRef;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Deployments and StatefulSets from informers instead of a GET of /scale and of the workload on
 * every evaluation, and a change of their replicas or ready replicas (a {@code kubectl scale}, pods
 * becoming ready) re-evaluates the pools that target them at once. The cache keeps only what
 * /scale would report: name, resourceVersion, spec.replicas, spec.selector, status.replicas and
 * status.readyReplicas; pod templates never enter it. Other kinds, and a workload the cache does
 * not hold yet, are read through /scale as before.
 */
final class WorkloadCache {

    /** What the evaluation reads of a cached workload. */
    record Cached(TargetScale scale, int readyReplicas) {}

    private InformerEventSource<Deployment, InferencePool> deployments;
    private InformerEventSource<StatefulSet, InferencePool> statefulSets;

    List<EventSource<?, InferencePool>> sources(EventSourceContext<InferencePool> context) {
        deployments = new InformerEventSource<>(configuration(Deployment.class, "Deployment", context,
                d -> new DeploymentBuilder().withMetadata(slimMetadata(d))
                        .withNewSpec().withReplicas(d.getSpec() == null ? null : d.getSpec().getReplicas())
                            .withSelector(d.getSpec() == null ? null : d.getSpec().getSelector()).endSpec()
                        .withNewStatus().withReplicas(d.getStatus() == null ? null : d.getStatus().getReplicas())
                            .withReadyReplicas(d.getStatus() == null ? null : d.getStatus().getReadyReplicas()).endStatus()
                        .build()), context);
        statefulSets = new InformerEventSource<>(configuration(StatefulSet.class, "StatefulSet", context,
                s -> new StatefulSetBuilder().withMetadata(slimMetadata(s))
                        .withNewSpec().withReplicas(s.getSpec() == null ? null : s.getSpec().getReplicas())
                            .withSelector(s.getSpec() == null ? null : s.getSpec().getSelector()).endSpec()
                        .withNewStatus().withReplicas(s.getStatus() == null ? null : s.getStatus().getReplicas())
                            .withReadyReplicas(s.getStatus() == null ? null : s.getStatus().getReadyReplicas()).endStatus()
                        .build()), context);
        return List.of(deployments, statefulSets);
    }

    /** The cached workload, or empty for another kind or one the cache does not hold (yet). */
    Optional<Cached> find(ScalableKind kind, String namespace, String name) {
        if (!"apps/v1".equals(kind.apiVersion())) {
            return Optional.empty();
        }
        ResourceID id = new ResourceID(name, namespace);
        return switch (kind.kind()) {
            case "Deployment" -> deployments == null ? Optional.empty() : deployments.get(id).map(d -> cached(d,
                    d.getSpec().getReplicas(), d.getSpec().getSelector(), d.getStatus().getReplicas(), d.getStatus().getReadyReplicas()));
            case "StatefulSet" -> statefulSets == null ? Optional.empty() : statefulSets.get(id).map(s -> cached(s,
                    s.getSpec().getReplicas(), s.getSpec().getSelector(), s.getStatus().getReplicas(), s.getStatus().getReadyReplicas()));
            default -> Optional.empty();
        };
    }

    private static Cached cached(HasMetadata workload, Integer spec, LabelSelector selector, Integer status, Integer ready) {
        // A workload whose controller has not written status yet has no replicas and none ready.
        return new Cached(new TargetScale(spec == null ? 1 : spec, status == null ? 0 : status, selectorText(selector),
                workload.getMetadata().getResourceVersion()), ready == null ? 0 : ready);
    }

    private static <R extends HasMetadata> InformerEventSourceConfiguration<R> configuration(Class<R> type, String kind,
            EventSourceContext<InferencePool> context, UnaryOperator<R> slim) {
        return InformerEventSourceConfiguration.from(type, InferencePool.class)
                .withName(kind.toLowerCase(java.util.Locale.ROOT) + "s")
                .withNamespacesInheritedFromController()
                .withItemStore(new SlimStore<>(slim))
                // Only what the evaluation reads: a workload's every status heartbeat would otherwise evaluate its pools.
                .withOnUpdateFilter((now, before) -> !Objects.equals(figures(now), figures(before)))
                .withSecondaryToPrimaryMapper(workload -> context.getPrimaryCache()
                        .list(workload.getMetadata().getNamespace(), pool -> targets(pool, kind, workload.getMetadata().getName()))
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
                .build();
    }

    private static List<Object> figures(HasMetadata workload) {
        List<Object> figures = new ArrayList<>();
        if (workload instanceof Deployment d) {
            figures.add(d.getSpec() == null ? null : d.getSpec().getReplicas());
            figures.add(d.getStatus() == null ? null : d.getStatus().getReplicas());
            figures.add(d.getStatus() == null ? null : d.getStatus().getReadyReplicas());
        } else if (workload instanceof StatefulSet s) {
            figures.add(s.getSpec() == null ? null : s.getSpec().getReplicas());
            figures.add(s.getStatus() == null ? null : s.getStatus().getReplicas());
            figures.add(s.getStatus() == null ? null : s.getStatus().getReadyReplicas());
        }
        return figures;
    }

    private static boolean targets(InferencePool pool, String kind, String name) {
        ScaleTargetRef ref = pool.getSpec() == null ? null : pool.getSpec().getScaleTargetRef();
        return ref != null && "apps/v1".equals(ref.getApiVersion()) && kind.equals(ref.getKind()) && name.equals(ref.getName());
    }

    private static io.fabric8.kubernetes.api.model.ObjectMeta slimMetadata(HasMetadata workload) {
        return new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                .withName(workload.getMetadata().getName())
                .withNamespace(workload.getMetadata().getNamespace())
                .withUid(workload.getMetadata().getUid())
                .withResourceVersion(workload.getMetadata().getResourceVersion())
                .build();
    }

    /** A label selector in the string form /scale reports it in, e.g. {@code app=llama,tier in (gpu)}. */
    static String selectorText(LabelSelector selector) {
        if (selector == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        Map<String, String> labels = selector.getMatchLabels();
        if (labels != null) {
            labels.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> parts.add(e.getKey() + "=" + e.getValue()));
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                String values = r.getValues() == null ? "" : String.join(",", r.getValues());
                parts.add(switch (r.getOperator()) {
                    case "In" -> r.getKey() + " in (" + values + ")";
                    case "NotIn" -> r.getKey() + " notin (" + values + ")";
                    case "Exists" -> r.getKey();
                    case "DoesNotExist" -> "!" + r.getKey();
                    default -> throw new IllegalArgumentException("unknown selector operator " + r.getOperator());
                });
            }
        }
        return String.join(",", parts);
    }

    /** Keeps the slim copy, so the informer holds no pod template. */
    private static final class SlimStore<R extends HasMetadata> extends BasicItemStore<R> {
        private final UnaryOperator<R> slim;

        SlimStore(UnaryOperator<R> slim) {
            super(Cache::metaNamespaceKeyFunc);
            this.slim = slim;
        }

        @Override
        public R put(String key, R obj) {
            return super.put(key, slim.apply(obj));
        }
    }
}
