package dev.tokenscale.operator;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events on the operator's Lease, so that {@code kubectl get events -n tokenscale-system} says why a
 * replica does not lead: another holds the Lease, or RBAC refuses a verb on it. Each distinct
 * message is recorded once in a row. Recording happens on a thread of its own, because the
 * reports come from inside the HTTP client's and the leader elector's callbacks.
 */
final class LeaseEvents implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseEvents.class);

    private final KubernetesClient client;
    private final Clock clock;
    private final String namespace;
    private final String leaseName;
    private final String identity;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tokenscale-lease-events");
        t.setDaemon(true);
        return t;
    });
    private String last;

    LeaseEvents(KubernetesClient client, Clock clock, String namespace, String leaseName, String identity) {
        this.client = client;
        this.clock = clock;
        this.namespace = namespace;
        this.leaseName = leaseName;
        this.identity = identity;
    }

    synchronized void record(EventReason reason, String message) {
        if (Objects.equals(last, reason + message)) {
            return;
        }
        last = reason + message;
        try {
            executor.execute(() -> create(reason, message));
        } catch (RejectedExecutionException stopping) {
            // Closing: the log line that accompanies every report is enough.
        }
    }

    private void create(EventReason reason, String message) {
        String now = DateTimeFormatter.ISO_INSTANT.format(clock.instant());
        Event event = new EventBuilder()
                .withNewMetadata()
                    .withName(leaseName + "." + UUID.randomUUID().toString().replace("-", "").substring(0, 16))
                    .withNamespace(namespace)
                .endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion("coordination.k8s.io/v1").withKind("Lease")
                        .withNamespace(namespace).withName(leaseName).build())
                .withReason(reason.name())
                .withMessage(message)
                .withType(reason.type())
                .withCount(1)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withNewSource().withComponent("tokenscale-operator").endSource()
                .withReportingComponent("tokenscale.dev/operator")
                .withReportingInstance(identity)
                .build();
        try {
            client.v1().events().inNamespace(namespace).resource(event).create();
        } catch (KubernetesClientException e) {
            LOG.warn("could not record event {} on lease {}/{}: {}", reason, namespace, leaseName, e.getMessage());
        }
    }

    @Override
    public void close() {
        executor.shutdown();
    }
}
