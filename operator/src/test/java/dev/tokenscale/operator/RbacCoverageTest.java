package dev.tokenscale.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tokenscale.policy.Signal;
import dev.tokenscale.testing.ApiCall;
import dev.tokenscale.testing.DeployRbac;
import dev.tokenscale.testing.FakeSignalReader;
import dev.tokenscale.testing.MockCluster;
import dev.tokenscale.testing.MutableClock;
import dev.tokenscale.testing.OperatorUnderTest;
import dev.tokenscale.testing.RbacAudit;
import dev.tokenscale.testing.TestPools;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The operator's whole conversation with the API server in one run, held to deploy/'s RBAC: the
 * mock authorizes every request the operator makes with the Roles deploy/ installs and refuses the
 * rest with 403, as a cluster would ({@link RbacAudit}). The run takes over a Lease an old pod left
 * behind, renews it, reads the pool, its /scale and its pods, scales, writes status and Events.
 * Every operator test on a {@link MockCluster} is held to the same RBAC when the cluster closes, so
 * a new call anywhere (Secrets, pods, another kind) must be granted in deploy/ or CI fails.
 */
class RbacCoverageTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DEPLOYMENTS = "/apis/apps/v1/deployments";
    private static final String LEASE_NAMESPACE = DeployRbac.NAMESPACE;

    @Test
    void everyCallOfARunWithALeaseTakeoverScalingStatusAndEventsIsGrantedByDeploy() {
        MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
        FakeSignalReader signals = new FakeSignalReader(clock);
        signals.pool("llm", "pool").healthy().set(Signal.TTFT_P99_MS, 900);
        try (MockCluster cluster = new MockCluster()) {
            cluster.client().resource(staleLease("old-pod")).create();
            // A Deployment informer slower than the cache-sync wait: the pools read their targets through
            // the API meanwhile (GET of the Deployment and of /scale), the calls an evaluation makes without a cache.
            cluster.slowLists().hold(DEPLOYMENTS, TokenscaleOperator.CACHE_SYNC_TIMEOUT.plusSeconds(3));
            cluster.createDeployment("llm", "llama", 2);
            cluster.client().resource(TestPools.deploymentPool("llm", "pool", "llama", 1, 5)).create();
            // No signals at all: the same MetricsUnavailable Event every evaluation, its count raised by a patch.
            cluster.createDeployment("llm", "mute", 1);
            cluster.client().resource(TestPools.deploymentPool("llm", "blind", "mute", 1, 5)).create();

            try (OperatorUnderTest operator = OperatorUnderTest.start(cluster, signals, clock, electing("operator-a"))) {
                await().atMost(WAIT).until(() -> noDenialYet(cluster) && holder(cluster).equals("operator-a"));
                ZonedDateTime acquired = lease(cluster).getSpec().getRenewTime();
                await().atMost(WAIT).until(() -> noDenialYet(cluster) && cluster.deploymentReplicas("llm", "llama") == 3
                        && !cluster.events("llm", "ScaledUp").isEmpty()
                        && cluster.pool("llm", "pool").getStatus() != null);
                // Each poll steps past the refresh interval, so the next repeat patches the Event's count.
                await("a repeated Event").atMost(WAIT).until(() -> {
                    clock.advance(KubernetesEvents.REFRESH_INTERVAL);
                    return noDenialYet(cluster) && cluster.events("llm", "MetricsUnavailable").stream()
                            .anyMatch(e -> e.getInvolvedObject().getName().equals("blind") && e.getCount() >= 2);
                });
                await("a renewal").atMost(WAIT).until(() -> noDenialYet(cluster)
                        && lease(cluster).getSpec().getRenewTime().isAfter(acquired));
                await("reads of the target through the API").atMost(WAIT).until(() -> granted(cluster).containsAll(
                        List.of("apps/deployments/scale:get", "apps/deployments:get")));
                cluster.slowLists().release(DEPLOYMENTS);
                await("the Deployment informer's watch").atMost(WAIT).until(() -> granted(cluster).contains("apps/deployments:watch"));
            }

            Set<String> used = granted(cluster);
            System.out.println("RBAC audit: " + cluster.audit().calls().size() + " calls, grants used: " + used);
            assertThat(used).contains(
                    "authorization.k8s.io/selfsubjectrulesreviews:create",
                    "coordination.k8s.io/leases:get",
                    "coordination.k8s.io/leases:patch",
                    "tokenscale.dev/inferencepools:list",
                    "tokenscale.dev/inferencepools:watch",
                    "tokenscale.dev/inferencepools/status:patch",
                    "apps/deployments/scale:get",
                    "apps/deployments/scale:patch",
                    "apps/deployments:get",
                    "apps/deployments:list",
                    "apps/deployments:watch",
                    "/pods:list",
                    "/pods:watch",
                    "/events:create",
                    "/events:patch");
            cluster.audit().assertNoUnexpectedDenials();
        }
    }

    private static Set<String> granted(MockCluster cluster) {
        return new TreeSet<>(cluster.audit().calls().stream().map(ApiCall::grant).toList());
    }

    @Test
    void aFreshLeaseIsCreatedWithTheGrantedVerbs() {
        MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
        try (MockCluster cluster = new MockCluster();
                OperatorUnderTest operator = OperatorUnderTest.start(cluster, new FakeSignalReader(clock), clock, electing("operator-a"))) {
            await().atMost(WAIT).until(() -> noDenialYet(cluster) && operator.operator().isReady());
            assertThat(cluster.audit().calls()).extracting(ApiCall::grant).contains("coordination.k8s.io/leases:create");
        }
    }

    @Test
    void withoutPatchOnLeasesTheTakeoverIsRefusedAsOnAClusterAndReadinessAndAnEventSaySo() {
        MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
        try (MockCluster cluster = new MockCluster(DeployRbac.load().withoutVerb("coordination.k8s.io", "leases", "patch"))) {
            cluster.audit().expectDenials();
            cluster.client().resource(staleLease("old-pod")).create();
            try (OperatorUnderTest operator = OperatorUnderTest.start(cluster, new FakeSignalReader(clock), clock, electing("operator-a"))) {
                await().atMost(WAIT).until(() -> operator.operator().readiness().message().equals("lease forbidden: patch"));
                await().atMost(WAIT).until(() -> cluster.events(LEASE_NAMESPACE, "LeaseForbidden").stream()
                        .anyMatch(e -> e.getMessage().startsWith("lease forbidden: patch on leases.coordination.k8s.io "
                                + "tokenscale-system/tokenscale-operator for operator-a")));
            }
            List<String> denied = cluster.audit().denials().stream().map(r -> r.call().toString()).distinct().toList();
            assertThat(denied).containsExactly("coordination.k8s.io/leases:patch in tokenscale-system (tokenscale-operator)");
            assertThat(holder(cluster)).isEqualTo("old-pod");
        }
    }

    @Test
    void withoutUpdateOnLeasesJosdkRefusesToStartAndSaysWhichVerbIsMissing() {
        MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
        try (MockCluster cluster = new MockCluster(DeployRbac.load().withoutVerb("coordination.k8s.io", "leases", "update"))) {
            assertThatThrownBy(() -> OperatorUnderTest.start(cluster, new FakeSignalReader(clock), clock, electing("operator-a")).close())
                    .hasMessageContaining("lease forbidden: update");
        }
    }

    private static boolean noDenialYet(MockCluster cluster) {
        // Fail at once with the refused call named, rather than time out waiting for its effect.
        cluster.audit().assertNoUnexpectedDenials();
        return true;
    }

    private static Lease staleLease(String holder) {
        ZonedDateTime minuteAgo = ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(1);
        return new LeaseBuilder().withNewMetadata().withName(OperatorOptions.LEASE_NAME).withNamespace(LEASE_NAMESPACE).endMetadata()
                .withNewSpec().withHolderIdentity(holder).withLeaseDurationSeconds(15).withAcquireTime(minuteAgo)
                .withRenewTime(minuteAgo).withLeaseTransitions(0).endSpec().build();
    }

    private static Lease lease(MockCluster cluster) {
        return cluster.client().leases().inNamespace(LEASE_NAMESPACE).withName(OperatorOptions.LEASE_NAME).get();
    }

    private static String holder(MockCluster cluster) {
        Lease lease = lease(cluster);
        return lease == null ? "" : lease.getSpec().getHolderIdentity();
    }

    private static OperatorOptions electing(String identity) {
        return new OperatorOptions(URI.create("http://127.0.0.1:9"), Set.of(), true, LEASE_NAMESPACE, identity, Duration.ofMinutes(5));
    }
}
