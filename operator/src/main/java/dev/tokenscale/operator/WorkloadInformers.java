package dev.tokenscale.operator;

import dev.tokenscale.api.InferencePool;
import dev.tokenscale.api.ScaleTargetRef;
import dev.tokenscale.policy.LabelSelection;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.config.informer.InformerConfiguration;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.health.InformerHealthIndicator;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.javaoperatorsdk.operator.processing.event.EventSourceRetriever;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scale targets and their pods from informers, so an evaluation reads caches instead of a GET
 * of /scale, a GET of the workload and a LIST of pods per pool and interval. A change of a target
 * that the operator did not cause itself ({@link OwnScaleWrites}), or a target pod appearing,
 * going, or changing readiness, re-evaluates the pools concerned at once.
 *
 * <p>Informers start lazily: a kind's the first time a pool targets it, limited to the namespaces
 * the operator watches (with {@code --namespaces}, one informer per namespace, so a re-list of one
 * namespace never drops another's entries from JOSDK's shared store); the pods' per namespace, the
 * first time a pool there reads pods, so only the pods of namespaces with pools are cached. They
 * start in the background; until one has synced, for a kind whose scale fields cannot be located,
 * and where RBAC refuses the list or watch, the evaluation reads through /scale and a pod LIST as
 * before. The caches hold slim copies ({@link ScalePaths#slim}, {@link SlimPod}).
 */
final class WorkloadInformers {

    private static final Logger LOG = LoggerFactory.getLogger(WorkloadInformers.class);
    private static final String ALL = "*";
    private static final String PODS = "Pod";

    /** What an evaluation needs of a pool's target, recorded so a pod event can find its pools. */
    private record PoolTarget(String workload, LabelSelection selector, Set<String> pods) {

        boolean selects(Pod pod) {
            return selector.matches(pod.getMetadata().getLabels());
        }
    }

    private final OwnScaleWrites ownWrites = new OwnScaleWrites();
    private final Map<String, InformerEventSource<? extends HasMetadata, InferencePool>> sources = new ConcurrentHashMap<>();
    private final Map<ResourceID, PoolTarget> poolTargets = new ConcurrentHashMap<>();
    private final Map<String, Object> starting = new ConcurrentHashMap<>();
    private final Set<String> missing = ConcurrentHashMap.newKeySet();
    private volatile EventSourceRetriever<InferencePool> retriever;
    private volatile Set<String> namespaces = Set.of();
    private volatile boolean stopped;

    /** The operator is stopping: no informer starts any more, and one that starts as it stops is stopped. */
    void stop() {
        stopped = true;
    }

    OwnScaleWrites ownWrites() {
        return ownWrites;
    }

    /** Binds to the controller the first time a pool is evaluated; informers can be added from then on. */
    void attach(Context<InferencePool> context) {
        if (retriever == null) {
            Set<String> watched = context.getControllerConfiguration().getInformerConfig().getNamespaces();
            namespaces = InformerConfiguration.allNamespacesWatched(watched) ? Set.of() : Set.copyOf(watched);
            retriever = context.eventSourceRetriever();
        }
    }

    /** The cached target (a {@link ScalePaths#slim} copy), or empty while its informer is not synced or does not hold it. */
    Optional<GenericKubernetesResource> workload(ScalableKind kind, String namespace, String name, ScalePaths paths) {
        InformerEventSource<? extends HasMetadata, InferencePool> source = synced(kind.apiVersion() + "/" + kind.kind(), namespace,
                scope(namespace), () -> workloadSource(kind, paths, scope(namespace)));
        if (source == null) {
            return Optional.empty();
        }
        return source.get(new ResourceID(name, namespace)).map(o -> (GenericKubernetesResource) o);
    }

    /** The live pods the selector matches, or empty while the pod informer is not synced. */
    Optional<List<Pod>> pods(String namespace, LabelSelection selector) {
        @SuppressWarnings("unchecked")
        InformerEventSource<Pod, InferencePool> source = (InformerEventSource<Pod, InferencePool>) synced(PODS, namespace,
                namespace, () -> podSource(namespace));
        if (source == null) {
            return Optional.empty();
        }
        return Optional.of(source.list(namespace, p -> selector.matches(p.getMetadata().getLabels())).toList());
    }

    /** Remembers the pool's target, its pod selector and the pods the evaluation saw, for the pod events. */
    void observed(InferencePool pool, String workload, LabelSelection selector, List<String> pods) {
        poolTargets.put(ResourceID.fromResource(pool), new PoolTarget(workload, selector, Set.copyOf(pods)));
    }

    /** Whether a pod that appeared is one a pool's last evaluation did not see, rather than an informer's first list. */
    private boolean unseen(Pod pod) {
        return poolTargets.entrySet().stream()
                .filter(e -> e.getKey().getNamespace().orElse("").equals(pod.getMetadata().getNamespace()))
                .anyMatch(e -> e.getValue().selects(pod) && !e.getValue().pods().contains(pod.getMetadata().getName()));
    }

    /** A pool found no such target: its creation re-evaluates the pool. */
    void missing(String workload) {
        missing.add(workload);
    }

    void found(String workload) {
        missing.remove(workload);
    }

    void forget(InferencePool pool) {
        poolTargets.remove(ResourceID.fromResource(pool));
    }

    private String scope(String namespace) {
        return namespaces.isEmpty() ? ALL : namespace;
    }

    private InformerEventSource<? extends HasMetadata, InferencePool> synced(String kind, String namespace, String scope,
            java.util.function.Supplier<InformerEventSource<? extends HasMetadata, InferencePool>> create) {
        if (retriever == null || !namespaces.isEmpty() && !namespaces.contains(namespace)) {
            return null;
        }
        String key = kind + "@" + scope;
        InformerEventSource<? extends HasMetadata, InferencePool> source = sources.get(key);
        if (source == null) {
            start(key, create);
            return null;
        }
        return hasSynced(source) ? source : null;
    }

    /** Listed and watching: a cache whose watch is refused or lost is only as fresh as its last list. */
    private static boolean hasSynced(InformerEventSource<? extends HasMetadata, InferencePool> source) {
        Map<String, InformerHealthIndicator> health = source.informerHealthIndicators();
        return !health.isEmpty() && health.values().stream().allMatch(h -> h.hasSynced() && h.isWatching());
    }

    /** Registers in the background: JOSDK waits for the first list, and an evaluation must not. */
    private void start(String key, java.util.function.Supplier<InformerEventSource<? extends HasMetadata, InferencePool>> create) {
        Object claim = new Object();
        if (starting.putIfAbsent(key, claim) != null) {
            return;
        }
        Thread starter = new Thread(() -> {
            try {
                if (stopped) {
                    return;
                }
                InformerEventSource<? extends HasMetadata, InferencePool> source = create.get();
                long began = System.nanoTime();
                retriever.dynamicallyRegisterEventSource(source);
                if (stopped) {
                    // Registered as the operator stopped: JOSDK may not stop it any more.
                    source.stop();
                    return;
                }
                boolean gaveUp = Duration.ofNanos(System.nanoTime() - began).compareTo(TokenscaleOperator.CACHE_SYNC_TIMEOUT) >= 0;
                if (gaveUp && !hasSynced(source)) {
                    // JOSDK gave up waiting for the first list and watch (RBAC lacks list or watch, most
                    // likely). A source left retrying would mark the operator unready; without it the pools
                    // are read through the API as before, and this key is not tried again.
                    retriever.dynamicallyDeRegisterEventSource(source.name());
                    LOG.warn("informer {} could not list and watch; its pools are read through the API on every "
                            + "evaluation. Grant list and watch on the kind to read it from a cache", key);
                    return;
                }
                sources.put(key, source);
                LOG.info("informer {} started; its evaluations read from the cache", key);
            } catch (RuntimeException e) {
                if (stopped) {
                    return;
                }
                // Reads stay on /scale and pod LISTs; a later evaluation tries again.
                LOG.warn("informer {} could not start, reading through the API instead: {}", key, e.toString());
                starting.remove(key, claim);
            }
        }, "tokenscale-informer-start-" + key);
        starter.setDaemon(true);
        starter.start();
    }

    private InformerEventSource<GenericKubernetesResource, InferencePool> workloadSource(ScalableKind kind, ScalePaths paths,
            String scope) {
        EventSourceContext<InferencePool> context = retriever.eventSourceContextForDynamicRegistration();
        InformerEventSourceConfiguration.Builder<GenericKubernetesResource> config = InformerEventSourceConfiguration
                .from(new GroupVersionKind(kind.apiVersion(), kind.kind()), InferencePool.class)
                .withName(name(kind.apiVersion() + "-" + kind.kind(), scope))
                .withItemStore(new TransformingItemStore<>(paths::slim))
                // An informer's first list adds every workload, which the pools have just read anyway;
                // only a target a pool found missing is news when it appears.
                .withOnAddFilter(w -> missing.contains(workloadKey(kind, w)))
                .withOnUpdateFilter((now, before) -> {
                    ScalePaths.Figures was = paths.figures(before);
                    ScalePaths.Figures is = paths.figures(now);
                    return !was.equals(is) && !ownWrites.explains(workloadKey(kind, now),
                            now.getMetadata().getResourceVersion(), was, is);
                })
                .withSecondaryToPrimaryMapper(w -> context.getPrimaryCache()
                        .list(w.getMetadata().getNamespace(), pool -> targets(pool, kind, w.getMetadata().getName()))
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()));
        scoped(config, scope);
        return new InformerEventSource<>(config.build(), context);
    }

    private InformerEventSource<Pod, InferencePool> podSource(String scope) {
        EventSourceContext<InferencePool> context = retriever.eventSourceContextForDynamicRegistration();
        InformerEventSourceConfiguration.Builder<Pod> config = InformerEventSourceConfiguration
                .from(Pod.class, InferencePool.class)
                .withName(name("pods", scope))
                .withItemStore(new TransformingItemStore<>(SlimPod::of))
                // An informer's first list adds every pod, which the pools have just read anyway; a pod
                // the pool's last evaluation did not see is news.
                .withOnAddFilter(this::unseen)
                .withOnUpdateFilter((now, before) -> SlimPod.differ(now, before))
                .withSecondaryToPrimaryMapper(pod -> poolTargets.entrySet().stream()
                        .filter(e -> e.getKey().getNamespace().orElse("").equals(pod.getMetadata().getNamespace()))
                        .filter(e -> !ownWrites.pending(e.getValue().workload()))
                        .filter(e -> e.getValue().selects(pod))
                        .map(Map.Entry::getKey)
                        .collect(Collectors.toSet()));
        scoped(config, scope);
        return new InformerEventSource<>(config.build(), context);
    }

    private static void scoped(InformerEventSourceConfiguration.Builder<?> config, String scope) {
        if (ALL.equals(scope)) {
            config.withWatchAllNamespaces();
        } else {
            config.withNamespaces(Set.of(scope));
        }
    }

    private static String name(String what, String scope) {
        return (what + "-" + (ALL.equals(scope) ? "all-namespaces" : scope)).replace('/', '-').replace('.', '-')
                .toLowerCase(Locale.ROOT);
    }

    static String workloadKey(ScalableKind kind, HasMetadata workload) {
        return OwnScaleWrites.key(workload.getMetadata().getNamespace(), kind.apiVersion(), kind.kind(),
                workload.getMetadata().getName());
    }

    private static boolean targets(InferencePool pool, ScalableKind kind, String name) {
        ScaleTargetRef ref = pool.getSpec() == null ? null : pool.getSpec().getScaleTargetRef();
        return ref != null && kind.apiVersion().equals(ref.getApiVersion()) && kind.kind().equals(ref.getKind())
                && name.equals(ref.getName());
    }
}
