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
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.javaoperatorsdk.operator.processing.event.EventSourceRetriever;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
 * first time a pool there reads pods, so only the pods of namespaces with pools are cached. Each
 * lives in an {@link InformerSlot}: started in the background, kept while its first list is slow,
 * dropped and retried later while RBAC refuses it, and released with the last pool that needs it.
 * Until one has synced, for a kind whose scale fields cannot be located, and while RBAC refuses
 * the list or watch, the evaluation reads through /scale and a pod LIST as before. The caches hold
 * slim copies ({@link ScalePaths#slim}, {@link SlimPod}).
 */
final class WorkloadInformers {

    private static final Logger LOG = LoggerFactory.getLogger(WorkloadInformers.class);
    private static final String ALL = "*";
    private static final String PODS = "Pod";
    private static final String NAME_PREFIX = "cache-";

    /** What an evaluation needs of a pool's target, recorded so a pod event can find its pools. */
    private record PoolTarget(String workload, LabelSelection selector, Set<String> pods) {

        boolean selects(Pod pod) {
            return selector.matches(pod.getMetadata().getLabels());
        }
    }

    private final OwnScaleWrites ownWrites = new OwnScaleWrites();
    private final Map<String, InformerSlot> slots = new ConcurrentHashMap<>();
    private final Map<ResourceID, PoolTarget> poolTargets = new ConcurrentHashMap<>();
    private final Set<String> missing = ConcurrentHashMap.newKeySet();
    private final ListWatchRefusals refusals = new ListWatchRefusals();
    private final AtomicLong generation = new AtomicLong();
    private final Clock clock;
    private volatile EventSourceRetriever<InferencePool> retriever;
    private volatile IndexedResourceCache<InferencePool> pools;
    private volatile Set<String> namespaces = Set.of();
    private volatile boolean stopped;

    /** @param clock when a dropped informer is tried again */
    WorkloadInformers(Clock clock) {
        this.clock = clock;
    }

    /** How long a stopping operator waits for informers that are registering to end and stop. */
    static final Duration STOP_WAIT = Duration.ofSeconds(5);

    /**
     * The operator is stopping: no informer starts any more, and one that starts as it stops is
     * stopped; registrations in flight are given {@link #STOP_WAIT} to end before the client closes.
     */
    void stop() {
        stopped = true;
        List<InformerSlot> stopping = List.copyOf(slots.values());
        stopping.forEach(slot -> slot.release(false));
        slots.clear();
        // Wall time, not the operator's clock: a test's fixed clock would never reach the deadline.
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        try {
            for (InformerSlot slot : stopping) {
                slot.awaitRegistration(Duration.ofNanos(deadline - System.nanoTime()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    OwnScaleWrites ownWrites() {
        return ownWrites;
    }

    /** To be seen by JOSDK's client, so a refused list or watch can be told from a slow one. */
    ListWatchRefusals refusals() {
        return refusals;
    }

    /** Whether JOSDK's event source of this name is one of these informers, whose health is not the operator's. */
    static boolean owns(String eventSourceName) {
        return eventSourceName.startsWith(NAME_PREFIX);
    }

    /** The informers by name ({@code kind@namespace}, or {@code kind@*} for all) and where each is in its life. */
    Map<String, InformerSlot.State> states() {
        Map<String, InformerSlot.State> states = new TreeMap<>();
        slots.forEach((key, slot) -> states.put(key, slot.state()));
        return states;
    }

    /** How many informers are in each state but released, every state named even at 0, for the metrics. */
    Map<String, Integer> countByState() {
        Map<String, Integer> counts = new TreeMap<>();
        for (InformerSlot.State state : InformerSlot.State.values()) {
            if (state != InformerSlot.State.RELEASED) {
                counts.put(state.name().toLowerCase(Locale.ROOT), 0);
            }
        }
        slots.values().forEach(slot -> counts.computeIfPresent(slot.state().name().toLowerCase(Locale.ROOT), (s, n) -> n + 1));
        return counts;
    }

    /** The names of these informers that JOSDK holds now; a released or dropped one is not among them. */
    List<String> registered() {
        EventSourceRetriever<InferencePool> josdk = retriever;
        if (josdk == null) {
            return List.of();
        }
        return Stream.concat(josdk.getEventSourcesFor(Pod.class).stream(),
                        josdk.getEventSourcesFor(GenericKubernetesResource.class).stream())
                .map(EventSource::name).filter(WorkloadInformers::owns).sorted().toList();
    }

    /** Binds to the controller the first time a pool is evaluated; informers can be added from then on. */
    void attach(Context<InferencePool> context) {
        if (retriever == null) {
            Set<String> watched = context.getControllerConfiguration().getInformerConfig().getNamespaces();
            namespaces = InformerConfiguration.allNamespacesWatched(watched) ? Set.of() : Set.copyOf(watched);
            pools = context.getPrimaryCache();
            retriever = context.eventSourceRetriever();
        }
    }

    /**
     * The cached target (a {@link ScalePaths#slim} copy), or empty while its informer is not synced or does not hold it.
     * @throws InformerStarting while the informer's first list is on its way
     */
    Optional<GenericKubernetesResource> workload(ScalableKind kind, String namespace, String name, ScalePaths paths) {
        String scope = scope(namespace);
        String where = ALL.equals(scope) ? "" : "namespaces/" + scope + "/";
        String root = kind.apiVersion().contains("/") ? "/apis/" : "/api/";
        InformerEventSource<? extends HasMetadata, InferencePool> source = cache(kind.apiVersion() + "/" + kind.kind(),
                namespace, scope, kind.plural() + in(scope), root + kind.apiVersion() + "/" + where + kind.plural(),
                () -> workloadSource(kind, paths, scope));
        if (source == null) {
            return Optional.empty();
        }
        return source.get(new ResourceID(name, namespace)).map(o -> (GenericKubernetesResource) o);
    }

    /**
     * The live pods the selector matches, or empty while the pod informer is not synced.
     * @throws InformerStarting while the informer's first list is on its way
     */
    Optional<List<Pod>> pods(String namespace, LabelSelection selector) {
        @SuppressWarnings("unchecked")
        InformerEventSource<Pod, InferencePool> source = (InformerEventSource<Pod, InferencePool>) cache(PODS, namespace,
                namespace, "pods" + in(namespace), "/api/v1/namespaces/" + namespace + "/pods", () -> podSource(namespace));
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

    /**
     * A deleted pool: the informers that no remaining pool needs are released, e.g. a namespace's
     * pods when its last pool goes, so their watches and caches do not outlive the pools; the next
     * pool that needs one starts it again.
     */
    void forget(InferencePool pool) {
        poolTargets.remove(ResourceID.fromResource(pool));
        IndexedResourceCache<InferencePool> cache = pools;
        if (cache == null) {
            return;
        }
        String namespace = pool.getMetadata().getNamespace();
        String uid = pool.getMetadata().getUid();
        ScaleTargetRef ref = pool.getSpec() == null ? null : pool.getSpec().getScaleTargetRef();
        List<String> keys = new ArrayList<>();
        keys.add(PODS + "@" + namespace);
        if (ref != null) {
            keys.add(ref.getApiVersion() + "/" + ref.getKind() + "@" + scope(namespace));
        }
        for (String key : keys) {
            InformerSlot slot = slots.get(key);
            if (slot == null) {
                continue;
            }
            Predicate<InferencePool> needs = key.startsWith(PODS + "@") ? p -> true
                    : p -> ref.getApiVersion().equals(apiVersion(p)) && ref.getKind().equals(kind(p));
            String scope = key.substring(key.lastIndexOf('@') + 1);
            Stream<InferencePool> remaining = ALL.equals(scope) ? cache.list(p -> true) : cache.list(scope, p -> true);
            boolean needed = remaining.anyMatch(p -> !uid.equals(p.getMetadata().getUid()) && needs.test(p));
            if (!needed && slots.remove(key, slot)) {
                slot.release(true);
                LOG.info("informer {} released: no pool needs it any more", key);
            }
        }
    }

    private static String apiVersion(InferencePool pool) {
        ScaleTargetRef ref = pool.getSpec() == null ? null : pool.getSpec().getScaleTargetRef();
        return ref == null ? null : ref.getApiVersion();
    }

    private static String kind(InferencePool pool) {
        ScaleTargetRef ref = pool.getSpec() == null ? null : pool.getSpec().getScaleTargetRef();
        return ref == null ? null : ref.getKind();
    }

    private String scope(String namespace) {
        return namespaces.isEmpty() ? ALL : namespace;
    }

    private static String in(String scope) {
        return ALL.equals(scope) ? " in all namespaces" : " in namespace " + scope;
    }

    private InformerEventSource<? extends HasMetadata, InferencePool> cache(String kind, String namespace, String scope,
            String what, String collectionPath, Supplier<InformerEventSource<? extends HasMetadata, InferencePool>> create) {
        if (stopped || retriever == null || !namespaces.isEmpty() && !namespaces.contains(namespace)) {
            return null;
        }
        String key = kind + "@" + scope;
        InformerSlot slot = slots.computeIfAbsent(key,
                k -> new InformerSlot(k, what, collectionPath, create, registry(), refusals, clock));
        if (stopped) {
            // Created as the operator stopped, after stop() released the others.
            slot.release(false);
        }
        InformerEventSource<? extends HasMetadata, InferencePool> source = slot.cache();
        if (source == null && slot.listing()) {
            throw new InformerStarting(key, what);
        }
        return source;
    }

    private InformerSlot.Registry registry() {
        EventSourceRetriever<InferencePool> josdk = retriever;
        return new InformerSlot.Registry() {
            @Override
            public void register(InformerEventSource<? extends HasMetadata, InferencePool> source) {
                josdk.dynamicallyRegisterEventSource(source);
            }

            @Override
            public void deregister(String name) {
                try {
                    josdk.dynamicallyDeRegisterEventSource(name);
                } catch (RuntimeException e) {
                    LOG.warn("informer {} could not be deregistered: {}", name, e.toString());
                }
            }
        };
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

    /** Each informer's own name, so one released while it registers never takes its successor's from JOSDK. */
    private String name(String what, String scope) {
        return (NAME_PREFIX + what + "-" + (ALL.equals(scope) ? "all-namespaces" : scope) + "-" + generation.incrementAndGet())
                .replace('/', '-').replace('.', '-').toLowerCase(Locale.ROOT);
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
