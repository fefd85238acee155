package dev.tokenscale.operator;

import dev.tokenscale.api.InferencePool;
import dev.tokenscale.policy.HumanText;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.health.InformerHealthIndicator;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One informer of {@link WorkloadInformers} through its life, driven by the evaluations that ask
 * it for its cache ({@link #cache()}), so it needs no thread of its own:
 * <ul>
 *   <li>started in the background the first time (JOSDK's registration waits for the first list,
 *       an evaluation must not: it comes back shortly, {@link InformerStarting}, rather than add a
 *       request per pool to the API server while the list is on its way);</li>
 *   <li>a cached informer whose watch ended is still read for {@link #REWATCH_GRACE} while it lists
 *       and watches again, so an API server that ends every watch at once (a restart) is not then
 *       asked for every pool's pods;</li>
 *   <li>a first list slower than JOSDK's wait keeps the informer: the pools read through the API
 *       until it has synced, then from its cache. So does an error the informer retries itself
 *       (a 5xx, a timeout): it heals when the API server does;</li>
 *   <li>a list or watch the API server refuses for good (403, also 401 and 404) drops the informer,
 *       so it stops asking, and a log line names the verb and the resource. It is tried again after
 *       a backoff on the operator's clock, 1 minute doubling to 10, so granting the permission
 *       later heals it without a restart; so is a registration that failed;</li>
 *   <li>released when no pool needs it any more, which stops its watch and frees its cache.</li>
 * </ul>
 * At most one registration is in flight per informer, and a dropped one holds nothing but its
 * next attempt's time.
 */
final class InformerSlot {

    static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    static final Duration LONGEST_RETRY = Duration.ofMinutes(10);
    /** How long a cache whose watch ended is read while its informer watches again. */
    static final Duration REWATCH_GRACE = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(InformerSlot.class);

    /** Where an informer is in its life. */
    enum State {
        /** Registering with JOSDK, which waits for the first list. */
        STARTING,
        /** Registered and not synced and watching yet, or not any more: reads go to the API meanwhile. */
        SYNCING,
        /** Synced and watching: evaluations read its cache. */
        CACHED,
        /** Dropped after a refusal or a failed start, until its next attempt. */
        DROPPED,
        /** No pool needs it, or the operator stopped. */
        RELEASED
    }

    /** How a slot registers and deregisters its informer: JOSDK's dynamic event sources. */
    interface Registry {
        void register(InformerEventSource<? extends HasMetadata, InferencePool> source);

        void deregister(String name);
    }

    private final String key;
    private final String what;
    private final String collectionPath;
    private final Supplier<InformerEventSource<? extends HasMetadata, InferencePool>> create;
    private final Registry registry;
    private final ListWatchRefusals refusals;
    private final Clock clock;
    private final Predicate<InformerEventSource<? extends HasMetadata, InferencePool>> watching;

    private State state = State.DROPPED;
    private InformerEventSource<? extends HasMetadata, InferencePool> source;
    private Instant retryAt;
    private Instant startedAt;
    private Instant unwatchedSince;
    private int drops;
    private boolean deregisterOnRelease;
    /** The thread registering the informer; null before the first start. */
    private volatile Thread starter;

    /**
     * @param key names the informer in logs, e.g. {@code Pod@llm}
     * @param what the resource and scope in words, e.g. {@code pods in namespace llm}
     * @param collectionPath the URL path the informer lists and watches
     */
    InformerSlot(String key, String what, String collectionPath,
            Supplier<InformerEventSource<? extends HasMetadata, InferencePool>> create, Registry registry,
            ListWatchRefusals refusals, Clock clock) {
        this(key, what, collectionPath, create, registry, refusals, clock, InformerSlot::hasSynced);
    }

    /** @param watching whether a registered informer has listed and is watching; its health indicators in production */
    InformerSlot(String key, String what, String collectionPath,
            Supplier<InformerEventSource<? extends HasMetadata, InferencePool>> create, Registry registry,
            ListWatchRefusals refusals, Clock clock, Predicate<InformerEventSource<? extends HasMetadata, InferencePool>> watching) {
        this.watching = watching;
        this.key = key;
        this.what = what;
        this.collectionPath = collectionPath;
        this.create = create;
        this.registry = registry;
        this.refusals = refusals;
        this.clock = clock;
    }

    /**
     * The informer when it is synced and watching (or watching again within {@link #REWATCH_GRACE}),
     * else null and the caller reads through the API; starts, retries or drops it as due.
     */
    InformerEventSource<? extends HasMetadata, InferencePool> cache() {
        InformerEventSource<? extends HasMetadata, InferencePool> refused;
        synchronized (this) {
            switch (state) {
                case STARTING, RELEASED -> {
                    return null;
                }
                case DROPPED -> {
                    if (retryAt == null || !clock.instant().isBefore(retryAt)) {
                        begin();
                    }
                    return null;
                }
                default -> { }
            }
            if (watching.test(source)) {
                unwatchedSince = null;
                if (state != State.CACHED) {
                    state = State.CACHED;
                    drops = 0;
                    LOG.info("informer {} synced; evaluations read {} from its cache", key, what);
                }
                return source;
            }
            refused = refusedSource();
            if (refused == null) {
                if (state == State.CACHED && rewatching()) {
                    return source;
                }
                state = State.SYNCING;
                return null;
            }
        }
        registry.deregister(refused.name());
        return null;
    }

    /**
     * Under the lock: a cached informer whose watch ended (the API server ends every watch after a
     * while, and a restart or a network blip ends them all) lists and watches again by itself; its
     * cache stays readable meanwhile, as current as its last event. Its pools keep reading it for
     * {@link #REWATCH_GRACE}, rather than each reading through the API at the moment the API server
     * is busiest; past that, the cache is too old to trust and they do read through the API.
     */
    private boolean rewatching() {
        Instant now = clock.instant();
        if (unwatchedSince == null) {
            unwatchedSince = now;
        }
        return now.isBefore(unwatchedSince.plus(REWATCH_GRACE));
    }

    synchronized State state() {
        return state;
    }

    /**
     * Whether its registration, which waits for the first list up to the operator's cache-sync wait,
     * is in flight and not overdue: its cache is about to be there. A registration past twice that wait
     * is not waited for any more, as a list slower than the wait is not.
     */
    synchronized boolean listing() {
        return state == State.STARTING && startedAt != null
                && clock.instant().isBefore(startedAt.plus(TokenscaleOperator.CACHE_SYNC_TIMEOUT.multipliedBy(2)));
    }

    /**
     * Stops the informer and frees its cache; one still registering is stopped when it is done.
     * @param deregister whether to take it from JOSDK too, which the operator's own stop does itself
     */
    void release(boolean deregister) {
        InformerEventSource<? extends HasMetadata, InferencePool> registered;
        synchronized (this) {
            registered = state == State.STARTING ? null : source;
            state = State.RELEASED;
            source = null;
            deregisterOnRelease = deregister;
        }
        refusals.forget(collectionPath, this);
        if (registered != null && deregister) {
            registry.deregister(registered.name());
        }
    }

    /** Under the lock: claims the registration, which runs on its own short-lived thread. */
    private void begin() {
        state = State.STARTING;
        startedAt = clock.instant();
        // A new registration's watch has not ended yet: an earlier one's end must not shorten its grace.
        unwatchedSince = null;
        refusals.follow(collectionPath, this);
        Thread thread = new Thread(this::register, "tokenscale-informer-start-" + key);
        thread.setDaemon(true);
        starter = thread;
        thread.start();
    }

    /**
     * Waits up to {@code wait} for a registration in flight to end. Released first, it stops its
     * informer when it ends; the operator waits for that before it closes the client, which would
     * otherwise fail the informer's list under it (fabric8 logs a stack trace for it).
     */
    void awaitRegistration(Duration wait) throws InterruptedException {
        Thread thread = starter;
        if (thread != null && wait.toMillis() > 0) {
            thread.join(wait.toMillis());
        }
    }

    private void register() {
        InformerEventSource<? extends HasMetadata, InferencePool> created = null;
        try {
            created = create.get();
            registry.register(created);
        } catch (RuntimeException e) {
            failed(created, e);
            return;
        }
        boolean released;
        boolean deregister;
        InformerEventSource<? extends HasMetadata, InferencePool> refused = null;
        synchronized (this) {
            released = state == State.RELEASED;
            deregister = deregisterOnRelease;
            if (!released) {
                source = created;
                state = watching.test(created) ? State.CACHED : State.SYNCING;
                refused = state == State.CACHED ? null : refusedSource();
            }
        }
        if (released) {
            // Released while it registered: its last pool was deleted, or the operator is stopping and
            // JOSDK, which stops the sources it holds, may have stopped them before this one arrived.
            if (deregister) {
                registry.deregister(created.name());
            } else {
                stopQuietly(created);
            }
            return;
        }
        if (refused != null) {
            registry.deregister(refused.name());
        } else if (state() == State.CACHED) {
            LOG.info("informer {} started; evaluations read {} from its cache", key, what);
        } else {
            LOG.info("informer {} has not listed {} within the operator's cache-sync wait; it keeps listing in the "
                    + "background and its pools are read through the API until it has", key, what);
        }
    }

    private void failed(InformerEventSource<? extends HasMetadata, InferencePool> created, RuntimeException e) {
        boolean released;
        Duration wait;
        synchronized (this) {
            released = state == State.RELEASED;
            wait = released ? null : dropUntilRetry();
        }
        if (created != null) {
            // Its name is this slot's alone, so this takes nothing from another informer.
            registry.deregister(created.name());
            stopQuietly(created);
        }
        if (!released) {
            LOG.warn("informer {} could not start ({}); its pools are read through the API, and it is tried again in {}",
                    key, e.toString(), HumanText.duration(wait));
        }
    }

    /** Under the lock: the registered informer if the API server refuses its list or watch for good, now dropped. */
    private InformerEventSource<? extends HasMetadata, InferencePool> refusedSource() {
        Optional<ListWatchRefusals.Refusal> refusal = refusals.refusal(collectionPath).filter(ListWatchRefusals.Refusal::lasting);
        if (refusal.isEmpty()) {
            return null;
        }
        InformerEventSource<? extends HasMetadata, InferencePool> refused = source;
        source = null;
        Duration wait = dropUntilRetry();
        ListWatchRefusals.Refusal r = refusal.get();
        LOG.warn("informer {}: the API server refuses to {} {} ({}); its pools are read through the API on every "
                + "evaluation, and the informer is tried again in {}. Grant list and watch on them to read them from a cache",
                key, r.verb(), what, r.code(), HumanText.duration(wait));
        return refused;
    }

    /** Under the lock: dropped, with the next attempt 1 minute after the first drop, doubling up to 10. */
    private Duration dropUntilRetry() {
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(drops, 4));
        if (wait.compareTo(LONGEST_RETRY) > 0) {
            wait = LONGEST_RETRY;
        }
        drops++;
        state = State.DROPPED;
        retryAt = clock.instant().plus(wait);
        return wait;
    }

    private void stopQuietly(InformerEventSource<? extends HasMetadata, InferencePool> created) {
        try {
            created.stop();
        } catch (RuntimeException e) {
            LOG.debug("informer {} did not stop cleanly: {}", key, e.toString());
        }
    }

    /** Listed and watching: a cache whose watch is refused or lost is only as fresh as its last list. */
    private static boolean hasSynced(InformerEventSource<? extends HasMetadata, InferencePool> source) {
        Map<String, InformerHealthIndicator> health = source.informerHealthIndicators();
        return !health.isEmpty() && health.values().stream().allMatch(h -> h.hasSynced() && h.isWatching());
    }
}
