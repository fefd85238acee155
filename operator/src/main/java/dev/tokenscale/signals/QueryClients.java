package dev.tokenscale.signals;

import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One HTTP client per transport (URL, timeout, trust); credentials travel with each query, so pools
 * sharing a Prometheus with different Secrets share a client. A changed CA replaces the old client.
 */
final class QueryClients {

    private final long maxResponseBytes;
    private final Map<PrometheusConnection, PrometheusQueryClient> clients = new ConcurrentHashMap<>();

    QueryClients(long maxResponseBytes) {
        this.maxResponseBytes = maxResponseBytes;
    }

    /**
     * Synchronized: concurrent reconciles of pools on one Prometheus used to race past the map lookup
     * and each build a client (about 46 clients and 456 worker threads at 100 pools), where one is
     * enough. Building a client is rare; the lock is held only by a lookup otherwise.
     */
    synchronized PrometheusQueryClient clientFor(PrometheusConnection connection) throws GeneralSecurityException {
        PrometheusConnection transport = connection.withAuth(PrometheusAuth.NONE);
        PrometheusQueryClient client = clients.get(transport);
        if (client == null) {
            client = PrometheusQueryClient.connect(transport, maxResponseBytes);
            clients.keySet().removeIf(old -> old.url().equals(transport.url()) && old.timeout().equals(transport.timeout())
                    && old.insecureSkipVerify() == transport.insecureSkipVerify());
            clients.put(transport, client);
        }
        return client;
    }
}
