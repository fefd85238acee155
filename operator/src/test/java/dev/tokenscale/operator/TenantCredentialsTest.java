package dev.tokenscale.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tokenscale.api.BasicAuthSpec;
import dev.tokenscale.api.InferencePool;
import dev.tokenscale.api.InferencePoolStatus;
import dev.tokenscale.api.SecretKeySelector;
import dev.tokenscale.signals.PrometheusSignalReader;
import dev.tokenscale.testing.FakePrometheusServer;
import dev.tokenscale.testing.FakePrometheusServer.Answer;
import dev.tokenscale.testing.MockCluster;
import dev.tokenscale.testing.MutableClock;
import dev.tokenscale.testing.OperatorUnderTest;
import dev.tokenscale.testing.TestPools;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A pool's credentials are Secrets in its own namespace, never files on the operator's disk, and no
 * credential ever reaches a log line, a status or an Event. The operator, JOSDK, the real Prometheus
 * client and the mock API server are real; Prometheus is a loopback stand-in that records what it
 * was sent (and, when told, echoes the credentials back, as a hostile endpoint would).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantCredentialsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private MockCluster cluster;
    private OperatorUnderTest operator;
    private FakePrometheusServer prometheus;
    private String ns;

    @BeforeAll
    void startOperator() {
        logs.start();
        root().addAppender(logs);
        prometheus = FakePrometheusServer.answering(query -> Answer.value(50));
        cluster = new MockCluster();
        operator = OperatorUnderTest.start(cluster, new PrometheusSignalReader(clock), clock);
    }

    @AfterAll
    void stopEverything() {
        operator.close();
        cluster.close();
        prometheus.close();
        root().detachAppender(logs);
    }

    @BeforeEach
    void freshNamespace() {
        ns = "tenant-" + NAMESPACES.incrementAndGet();
        prometheus.respondWith(query -> Answer.value(50));
    }

    @Test
    void aPoolNamingTheOperatorsTokenFileSendsNoCredentialAndTheFileIsNeverRead(@TempDir Path dir) throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "operator-sa-token-4f1d9c");
        cluster.createDeployment(ns, "llama", 2);
        // The pre-Secret field names, as a hostile tenant still writes them: an API server prunes them;
        // the mock keeps them, and the operator must not act on them either way.
        String yaml = Serialization.asYaml(pool(p -> {}))
                .replace("    prometheus:\n", "    prometheus:\n"
                        + "      bearerTokenFile: " + token + "\n"
                        + "      basicAuthPasswordFile: " + token + "\n"
                        + "      caFile: " + token + "\n");
        assertThat(yaml).contains("bearerTokenFile: " + token);
        // Sent untyped, so the typed client cannot drop the fields before the API server sees them.
        cluster.client().genericKubernetesResources("tokenscale.dev/v1alpha1", "InferencePool").inNamespace(ns)
                .resource(Serialization.unmarshal(yaml, GenericKubernetesResource.class)).create();

        Condition ready = awaitCondition("Ready", c -> "InvalidSpec".equals(c.getReason()));

        assertThat(ready.getMessage()).startsWith("spec.metrics.prometheus.basicAuthPasswordFile: was removed: "
                + "a pool may not name a file on the operator's disk; use basicAuth.username and basicAuth.password");
        assertThat(queriesFrom(ns)).isEmpty();
        assertThat(authorizationsFrom(null)).noneMatch(a -> a != null && a.contains("operator-sa-token-4f1d9c"));
        assertThat(everythingTheTenantCanSee()).doesNotContain("operator-sa-token-4f1d9c");
    }

    @Test
    void aBearerTokenSecretInThePoolsNamespaceIsSentAndARotatedOneIsPickedUp() {
        secret(ns, "prom-token", Map.of("token", "tenant-token-one\n"));
        cluster.createDeployment(ns, "llama", 2);
        cluster.client().resource(pool(p -> p.setBearerTokenSecret(new SecretKeySelector("prom-token", "token")))).create();

        await().atMost(WAIT).until(() -> authorizationsFrom(ns), a -> a.contains("Bearer tenant-token-one"));
        secret(ns, "prom-token", Map.of("token", "tenant-token-two"));
        await().atMost(WAIT).until(() -> authorizationsFrom(ns), a -> a.contains("Bearer tenant-token-two"));
    }

    @Test
    void aSecretOfTheSameNameInAnotherNamespaceIsNotReadAndTheStatusNamesTheFieldAndTheSecret() {
        secret("tokenscale-system", "prom-token", Map.of("token", "other-namespace-token-77"));
        cluster.createDeployment(ns, "llama", 2);
        cluster.client().resource(pool(p -> p.setBearerTokenSecret(new SecretKeySelector("prom-token", "token")))).create();

        Condition metrics = awaitCondition("MetricsAvailable", c -> "False".equals(c.getStatus()));

        assertThat(metrics.getMessage()).contains("spec.metrics.prometheus.bearerTokenSecret: Secret " + ns
                + "/prom-token not found");
        assertThat(cluster.pool(ns, "pool").getStatus().getSignals().getUtilizationPercent())
                .as("a signal without its credentials is missing, never zero").isNull();
        assertThat(queriesFrom(ns)).as("no query without the credentials the pool asked for").isEmpty();
        assertThat(authorizationsFrom(null)).doesNotContain("Bearer other-namespace-token-77");
    }

    @Test
    void aMissingKeyIsNamedWithItsSecret() {
        secret(ns, "prom-auth", Map.of("user", "scaler"));
        cluster.createDeployment(ns, "llama", 2);
        cluster.client().resource(pool(p -> {
            p.setBasicAuth(new BasicAuthSpec());
            p.getBasicAuth().setUsername(new SecretKeySelector("prom-auth", "user"));
            p.getBasicAuth().setPassword(new SecretKeySelector("prom-auth", "password"));
        })).create();

        Condition metrics = awaitCondition("MetricsAvailable", c -> "False".equals(c.getStatus()));

        assertThat(metrics.getMessage()).contains("spec.metrics.prometheus.basicAuth.password: Secret " + ns
                + "/prom-auth has no key 'password'");
        assertThat(queriesFrom(ns)).isEmpty();
    }

    @Test
    void noCredentialReachesALogLineAStatusOrAnEventEvenWhenPrometheusEchoesItBack() {
        String password = "pw-5b0e2a9d71";
        String basic = Base64.getEncoder().encodeToString(("scaler:" + password).getBytes(StandardCharsets.UTF_8));
        prometheus.respondWith(query -> Answer.error(401, "unauthorized",
                "bad credentials: password " + password + ", header Basic " + basic));
        secret(ns, "prom-auth", Map.of("user", "scaler", "password", password));
        cluster.createDeployment(ns, "llama", 2);
        cluster.createDeployment(ns, "other", 2);
        cluster.client().resource(pool(p -> {
            p.setBasicAuth(new BasicAuthSpec());
            p.getBasicAuth().setUsername(new SecretKeySelector("prom-auth", "user"));
            p.getBasicAuth().setPassword(new SecretKeySelector("prom-auth", "password"));
        })).create();
        InferencePool inUrl = pool(p -> p.setUrl(prometheus.url().toString().replace("://", "://scaler:" + password + "@")));
        inUrl.getMetadata().setName("in-url");
        inUrl.getSpec().getScaleTargetRef().setName("other");
        cluster.client().resource(inUrl).create();

        awaitCondition("MetricsAvailable", c -> c.getMessage() != null && c.getMessage().contains("unauthorized"));
        await().atMost(WAIT).ignoreExceptions().until(() -> cluster.pool(ns, "in-url").getStatus().getConditions().stream()
                .anyMatch(c -> c.getMessage() != null && c.getMessage().contains("carries credentials")));
        await().atMost(WAIT).until(() -> cluster.events(ns), events -> events.size() >= 2);

        String visible = everythingTheTenantCanSee();
        assertThat(visible).contains("unauthorized").contains("http://***@127.0.0.1");
        assertThat(visible).doesNotContain(password).doesNotContain(basic);
    }

    /** Every log line so far, and every status and Event of the current namespace. */
    private String everythingTheTenantCanSee() {
        List<String> all = new ArrayList<>();
        logs.list.forEach(event -> {
            all.add(event.getFormattedMessage());
            if (event.getThrowableProxy() != null) {
                all.add(event.getThrowableProxy().getMessage());
            }
        });
        cluster.client().resources(InferencePool.class).inNamespace(ns).list().getItems()
                .forEach(pool -> all.add(Serialization.asJson(pool.getStatus())));
        cluster.events(ns).forEach(event -> all.add(event.getReason() + " " + event.getMessage()));
        return String.join("\n", all);
    }

    private Condition awaitCondition(String type, java.util.function.Predicate<Condition> matches) {
        return await().atMost(WAIT).ignoreExceptions().until(() -> {
            InferencePoolStatus status = cluster.pool(ns, "pool").getStatus();
            return status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
        }, c -> c != null && matches.test(c));
    }

    private List<String> queriesFrom(String namespace) {
        return prometheus.received().stream().map(FakePrometheusServer.Received::query)
                .filter(q -> q.contains("namespace=\"" + namespace + "\"")).toList();
    }

    private List<String> authorizationsFrom(String namespace) {
        return prometheus.received().stream()
                .filter(r -> namespace == null || r.query().contains("namespace=\"" + namespace + "\""))
                .map(FakePrometheusServer.Received::authorization).toList();
    }

    private InferencePool pool(Consumer<dev.tokenscale.api.PrometheusSpec> prometheusSettings) {
        InferencePool pool = TestPools.deploymentPool(ns, "pool", "llama", 1, 5);
        pool.getSpec().getMetrics().getPrometheus().setUrl(prometheus.url().toString());
        pool.getSpec().getMetrics().setSelector(Map.of("app", "llama"));
        prometheusSettings.accept(pool.getSpec().getMetrics().getPrometheus());
        return pool;
    }

    private void secret(String namespace, String name, Map<String, String> values) {
        Map<String, String> data = new java.util.HashMap<>();
        values.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        cluster.client().secrets().inNamespace(namespace).resource(new SecretBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withData(data).build()).createOr(existing -> existing.update());
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
