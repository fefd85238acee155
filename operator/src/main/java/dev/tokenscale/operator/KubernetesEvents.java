package dev.tokenscale.operator;

import dev.tokenscale.api.InferencePool;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records core/v1 Events on the pool, folding identical repeats the way client-go's correlator does:
 * the first occurrence creates an Event; repeats of the same reason and message only raise a count in
 * memory, and at most once per {@link #REFRESH_INTERVAL} the Event is patched with that count and a
 * new lastTimestamp. A pool held by a cooldown therefore shows one Event with a rising count, not one
 * Event per evaluation. Failures to record are logged and never fail a reconcile.
 */
public final class KubernetesEvents implements PoolEvents {

    /** How stale an Event's count may get before it is patched; about the time people look again. */
    public static final Duration REFRESH_INTERVAL = Duration.ofMinutes(5);
    /** The API server drops Events after an hour by default; past that a repeat is a new Event. */
    private static final Duration EVENT_TTL = Duration.ofMinutes(55);
    private static final String COMPONENT = "tokenscale-operator";
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesEvents.class);

    private final KubernetesClient client;
    private final Clock clock;
    private final String instance;
    private final Map<String, Series> series = new ConcurrentHashMap<>();

    public KubernetesEvents(KubernetesClient client, Clock clock, String instance) {
        this.client = client;
        this.clock = clock;
        this.instance = instance;
    }

    private static final class Series {
        final String eventName;
        final Instant first;
        int count;
        Instant lastWritten;
        Instant lastSeen;

        Series(String eventName, Instant first) {
            this.eventName = eventName;
            this.first = first;
            this.count = 1;
            this.lastWritten = first;
            this.lastSeen = first;
        }
    }

    @Override
    public void record(InferencePool pool, EventReason reason, String message) {
        Instant now = clock.instant();
        String key = keyOf(pool, reason, message);
        Series known = series.get(key);
        try {
            if (known == null || Duration.between(known.first, now).compareTo(EVENT_TTL) > 0) {
                startSeries(pool, reason, message, key, now);
                return;
            }
            known.count++;
            known.lastSeen = now;
            if (Duration.between(known.lastWritten, now).compareTo(REFRESH_INTERVAL) >= 0) {
                try {
                    patchCount(pool, known, now);
                    known.lastWritten = now;
                } catch (KubernetesClientException e) {
                    if (e.getCode() != 404) {
                        throw e;
                    }
                    // Someone deleted the Event, or the server expired it early: start a new one.
                    startSeries(pool, reason, message, key, now);
                }
            }
        } catch (KubernetesClientException e) {
            LOG.warn("could not record event {} on {}/{}: {}", reason, pool.getMetadata().getNamespace(),
                    pool.getMetadata().getName(), e.getMessage());
        }
    }

    private void startSeries(InferencePool pool, EventReason reason, String message, String key, Instant now) {
        // Messages that never repeat (each scale names its replica counts) would otherwise pile up.
        series.values().removeIf(s -> Duration.between(s.lastSeen, now).compareTo(EVENT_TTL) > 0);
        Series created = new Series(pool.getMetadata().getName() + "."
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16), now);
        create(pool, reason, message, created, now);
        series.put(key, created);
    }

    @Override
    public void forget(InferencePool pool) {
        String prefix = Objects.toString(pool.getMetadata().getUid(), "") + "|";
        series.keySet().removeIf(k -> k.startsWith(prefix));
    }

    private static String keyOf(InferencePool pool, EventReason reason, String message) {
        return Objects.toString(pool.getMetadata().getUid(), "") + "|" + reason.name() + "|" + message;
    }

    private void create(InferencePool pool, EventReason reason, String message, Series s, Instant now) {
        String time = DateTimeFormatter.ISO_INSTANT.format(now);
        Event event = new EventBuilder()
                .withNewMetadata()
                    .withName(s.eventName)
                    .withNamespace(pool.getMetadata().getNamespace())
                .endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder()
                        .withApiVersion(pool.getApiVersion())
                        .withKind(pool.getKind())
                        .withName(pool.getMetadata().getName())
                        .withNamespace(pool.getMetadata().getNamespace())
                        .withUid(pool.getMetadata().getUid())
                        .withResourceVersion(pool.getMetadata().getResourceVersion())
                        .build())
                .withReason(reason.name())
                .withMessage(message)
                .withType(reason.type())
                .withCount(1)
                .withFirstTimestamp(time)
                .withLastTimestamp(time)
                .withNewSource().withComponent(COMPONENT).endSource()
                .withReportingComponent("tokenscale.dev/operator")
                .withReportingInstance(instance)
                .build();
        client.v1().events().inNamespace(pool.getMetadata().getNamespace()).resource(event).create();
    }

    private void patchCount(InferencePool pool, Series s, Instant now) {
        String patch = "{\"count\":" + s.count + ",\"lastTimestamp\":\"" + DateTimeFormatter.ISO_INSTANT.format(now) + "\"}";
        // Patched through a named stub: withName(..).patch(..) would GET the Event first, which
        // deploy/'s RBAC does not grant (events: create, patch) and a patch does not need.
        Event target = new EventBuilder().withNewMetadata().withName(s.eventName)
                .withNamespace(pool.getMetadata().getNamespace()).endMetadata().build();
        client.v1().events().inNamespace(pool.getMetadata().getNamespace()).resource(target)
                .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    }
}
