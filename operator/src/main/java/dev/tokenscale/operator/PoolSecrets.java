package dev.tokenscale.operator;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Reads a pool's Secret references from the pool's own namespace with one {@code get} each (the only
 * Secret verb deploy/'s ClusterRole grants: no list, no watch, so the operator never holds every
 * Secret of the cluster in memory). Read on every evaluation, so a rotated token works at once.
 */
final class PoolSecrets implements SecretValues {

    private final KubernetesClient client;
    private final String namespace;

    PoolSecrets(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    @Override
    public String value(SecretRef ref) {
        Secret secret;
        try {
            secret = client.secrets().inNamespace(namespace).withName(ref.name()).get();
        } catch (KubernetesClientException e) {
            throw new SecretUnavailableException(ref, namespace, e.getCode() == 403
                    ? "cannot be read: forbidden (the operator's ClusterRole needs get on secrets)"
                    : "cannot be read: " + (e.getCode() > 0 ? "HTTP " + e.getCode() : e.getClass().getSimpleName()));
        }
        if (secret == null) {
            throw new SecretUnavailableException(ref, namespace, "not found");
        }
        if (secret.getData() != null && secret.getData().containsKey(ref.key())) {
            try {
                return new String(Base64.getDecoder().decode(secret.getData().get(ref.key())), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new SecretUnavailableException(ref, namespace, "key '" + ref.key() + "' is not base64");
            }
        }
        // An API server turns stringData into data on write; the mock API server keeps it as written.
        if (secret.getStringData() != null && secret.getStringData().containsKey(ref.key())) {
            return secret.getStringData().get(ref.key());
        }
        throw new SecretUnavailableException(ref, namespace, "has no key '" + ref.key() + "'");
    }
}
