package dev.tokenscale.operator;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Operator-wide settings, from flags or the environment.
 *
 * @param defaultPrometheus for pools that name no Prometheus; null when there is none
 * @param namespaces the namespaces to watch; empty for all
 * @param leaderElection whether to take a Lease before reconciling, so only one replica acts
 * @param leaseNamespace where the Lease lives: the operator's own namespace
 * @param identity this replica's name in the Lease, usually the pod name
 * @param maxReconciliationInterval a safety net: every pool is evaluated at least this often even if
 *     a rescheduled evaluation was lost
 * @param unhealthyAfter how long the API server may be unreachable before {@code /healthz} fails, so
 *     that Kubernetes restarts the pod
 * @param shard the pools this operator reconciles, by label; null for all
 * @param leaseName the leader-election Lease: each shard needs its own
 */
public record OperatorOptions(
        URI defaultPrometheus,
        Set<String> namespaces,
        boolean leaderElection,
        String leaseNamespace,
        String identity,
        Duration maxReconciliationInterval,
        Duration unhealthyAfter,
        ShardSelector shard,
        String leaseName) {

    public static final String LEASE_NAME = "tokenscale-operator";
    public static final Duration DEFAULT_UNHEALTHY_AFTER = Duration.ofMinutes(2);

    /** With the default {@code unhealthyAfter}, every pool and one Lease. */
    public OperatorOptions(URI defaultPrometheus, Set<String> namespaces, boolean leaderElection, String leaseNamespace,
            String identity, Duration maxReconciliationInterval) {
        this(defaultPrometheus, namespaces, leaderElection, leaseNamespace, identity, maxReconciliationInterval,
                DEFAULT_UNHEALTHY_AFTER);
    }

    /** Every pool, one Lease. */
    public OperatorOptions(URI defaultPrometheus, Set<String> namespaces, boolean leaderElection, String leaseNamespace,
            String identity, Duration maxReconciliationInterval, Duration unhealthyAfter) {
        this(defaultPrometheus, namespaces, leaderElection, leaseNamespace, identity, maxReconciliationInterval,
                unhealthyAfter, null, LEASE_NAME);
    }

    public OperatorOptions {
        namespaces = Set.copyOf(namespaces);
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(maxReconciliationInterval, "maxReconciliationInterval");
        Objects.requireNonNull(leaseName, "leaseName");
        if (unhealthyAfter == null || unhealthyAfter.isNegative() || unhealthyAfter.isZero()) {
            throw new IllegalArgumentException("unhealthyAfter must be positive, got " + unhealthyAfter);
        }
        if (leaderElection && (leaseNamespace == null || leaseNamespace.isBlank())) {
            throw new IllegalArgumentException("leader election needs the operator's namespace for its Lease");
        }
    }
}
