package dev.tokenscale.operator;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceSubresourceScale;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a kind keeps the fields its /scale reports, so its objects can be cached and read like
 * /scale: apps/v1 Deployments and StatefulSets by their fixed paths; any other kind (LeaderWorkerSet,
 * a custom resource) by the {@code subresources.scale} paths of its CustomResourceDefinition, read
 * once per kind. A kind without a readable definition (RBAC refuses the get, or its API is
 * aggregated rather than a CRD) has none, and is read through /scale on every evaluation.
 */
final class CrdScalePaths {

    private static final Logger LOG = LoggerFactory.getLogger(CrdScalePaths.class);

    private final KubernetesClient client;
    private final Map<String, Optional<ScalePaths>> known = new ConcurrentHashMap<>();

    CrdScalePaths(KubernetesClient client) {
        this.client = client;
    }

    Optional<ScalePaths> of(ScalableKind kind) {
        Optional<ScalePaths> builtIn = ScalePaths.builtIn(kind.apiVersion(), kind.kind());
        if (builtIn.isPresent()) {
            return builtIn;
        }
        String key = kind.apiVersion() + "/" + kind.kind();
        Optional<ScalePaths> paths = known.get(key);
        if (paths == null) {
            paths = fromDefinition(kind);
            if (paths == null) {
                return Optional.empty();
            }
            known.put(key, paths);
        }
        return paths;
    }

    /** @return null when the answer was an outage rather than a verdict, so the next evaluation asks again */
    private Optional<ScalePaths> fromDefinition(ScalableKind kind) {
        int slash = kind.apiVersion().indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        String group = kind.apiVersion().substring(0, slash);
        String version = kind.apiVersion().substring(slash + 1);
        String name = kind.plural() + "." + group;
        CustomResourceDefinition crd;
        try {
            crd = client.apiextensions().v1().customResourceDefinitions().withName(name).get();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 403) {
                return null;
            }
            LOG.warn("{}: reading CustomResourceDefinition {} is forbidden (deploy/ grants get on customresourcedefinitions); "
                    + "its targets are read through /scale on every evaluation", kind.kind(), name);
            return Optional.empty();
        }
        if (crd == null || crd.getSpec() == null || crd.getSpec().getVersions() == null) {
            LOG.info("{}: no CustomResourceDefinition {}; its targets are read through /scale on every evaluation", kind.kind(), name);
            return Optional.empty();
        }
        Optional<CustomResourceSubresourceScale> scale = crd.getSpec().getVersions().stream()
                .filter(v -> version.equals(v.getName()))
                .map(CustomResourceDefinitionVersion::getSubresources)
                .filter(s -> s != null && s.getScale() != null)
                .map(s -> s.getScale())
                .findFirst();
        if (scale.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ScalePaths.ofCrd(scale.get().getSpecReplicasPath(), scale.get().getStatusReplicasPath(),
                    scale.get().getLabelSelectorPath(), null));
        } catch (IllegalArgumentException e) {
            LOG.warn("{}: {}; its targets are read through /scale on every evaluation", kind.kind(), e.getMessage());
            return Optional.empty();
        }
    }
}
