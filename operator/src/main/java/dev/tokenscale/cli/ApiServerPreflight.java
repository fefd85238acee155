package dev.tokenscale.cli;

import dev.tokenscale.api.InferencePool;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The operator's first request, before anything starts: list the InferencePools it will watch, once,
 * with short timeouts and no retries. An API server that is down, refuses the credentials (401),
 * forbids the list (403) or lacks the CRD (404) is reported in one line, so `run` exits within
 * seconds instead of retrying for ever behind a healthy {@code /healthz}. Once running, the operator
 * rides out outages with its watches' own retries.
 */
final class ApiServerPreflight {

    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final int REQUEST_TIMEOUT_MS = 10_000;

    private ApiServerPreflight() {}

    /** @return why the operator cannot work with this API server, or empty when it can list its pools */
    static Optional<String> problem(Config config, Set<String> namespaces) {
        Config once = new ConfigBuilder(config).withRequestRetryBackoffLimit(0).withConnectionTimeout(CONNECT_TIMEOUT_MS)
                .withRequestTimeout(REQUEST_TIMEOUT_MS).build();
        String server = config.getMasterUrl();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(once).build()) {
            List<String> scopes = namespaces.isEmpty() ? List.of("") : new ArrayList<>(namespaces);
            for (String namespace : scopes) {
                try {
                    var pools = client.resources(InferencePool.class);
                    var options = new ListOptionsBuilder().withLimit(1L).build();
                    if (namespace.isEmpty()) {
                        pools.inAnyNamespace().list(options);
                    } else {
                        pools.inNamespace(namespace).list(options);
                    }
                } catch (KubernetesClientException e) {
                    return Optional.of(describe(e, server, namespace));
                }
            }
        }
        return Optional.empty();
    }

    private static String describe(KubernetesClientException e, String server, String namespace) {
        String scope = namespace.isEmpty() ? "in all namespaces" : "in namespace " + namespace;
        return switch (e.getCode()) {
            case 401 -> "the API server at " + server + " refused the credentials (401 Unauthorized); check the kubeconfig's user or the ServiceAccount token";
            case 403 -> "the API server at " + server + " forbids listing inferencepools.tokenscale.dev " + scope
                    + " (403 Forbidden); apply deploy/'s RBAC or run as its ServiceAccount";
            case 404 -> "the API server at " + server + " has no inferencepools.tokenscale.dev (404); install the CRD first: kubectl apply -f crds/";
            case 0, -1 -> "cannot reach the API server at " + server + ": " + rootCause(e);
            default -> "the API server at " + server + " answered " + e.getCode() + " listing inferencepools " + scope
                    + ": " + firstLine(e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage());
        };
    }

    /** The transport failure in words: the JDK client wraps "connection refused" around a bare ClosedChannelException. */
    private static String rootCause(Throwable e) {
        String last = null;
        for (Throwable cause = e; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof java.net.ConnectException) {
                return "connection refused";
            }
            if (cause instanceof java.net.UnknownHostException) {
                return "unknown host " + cause.getMessage();
            }
            if (cause instanceof java.net.http.HttpTimeoutException || cause instanceof java.net.SocketTimeoutException) {
                return "no answer within " + CONNECT_TIMEOUT_MS / 1000 + " s";
            }
            if (cause.getMessage() != null && !cause.getMessage().isBlank() && cause != e) {
                last = cause.getMessage();
            }
        }
        return firstLine(last != null ? last : e.getMessage());
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("");
    }
}
