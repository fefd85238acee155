package dev.tokenscale.operator;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves a scaleTargetRef's kind to its URL plural through API discovery, so any kind with a
 * /scale subresource works without a hard-coded table. Successful answers are cached for the life
 * of the operator; a kind that is not found is asked again next time, so installing its CRD later
 * is picked up.
 */
public final class KindDiscovery {

    private final KubernetesClient client;
    private final Map<String, ScalableKind> cache = new ConcurrentHashMap<>();

    public KindDiscovery(KubernetesClient client) {
        this.client = client;
    }

    public ScalableKind resolve(String apiVersion, String kind) throws TargetNotFoundException {
        String key = apiVersion + "|" + kind;
        ScalableKind cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        ScalableKind found = discover(apiVersion, kind);
        cache.put(key, found);
        return found;
    }

    private ScalableKind discover(String apiVersion, String kind) throws TargetNotFoundException {
        APIResourceList resources;
        try {
            resources = client.getApiResources(apiVersion);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                throw new TargetNotFoundException("API version " + apiVersion + " is not served by this cluster");
            }
            throw e;
        }
        if (resources == null || resources.getResources() == null) {
            throw new TargetNotFoundException("API version " + apiVersion + " is not served by this cluster");
        }
        Optional<APIResource> main = resources.getResources().stream()
                .filter(r -> kind.equals(r.getKind()) && !r.getName().contains("/"))
                .findFirst();
        if (main.isEmpty()) {
            throw new TargetNotFoundException("kind " + kind + " is not served under " + apiVersion);
        }
        String plural = main.get().getName();
        boolean hasScale = resources.getResources().stream().anyMatch(r -> (plural + "/scale").equals(r.getName()));
        if (!hasScale) {
            throw new TargetNotFoundException("kind " + kind + " (" + apiVersion + ") has no /scale subresource");
        }
        return new ScalableKind(apiVersion, kind, plural);
    }
}
