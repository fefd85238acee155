package dev.tokenscale.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a kind keeps the fields its /scale subresource reports, so a cached copy of the object
 * answers what a GET of /scale would: spec replicas, status replicas and the pod selector, plus
 * ready replicas where the kind reports them. apps/v1 Deployments and StatefulSets keep a
 * structured selector in spec.selector; a custom resource names its paths in its CRD
 * ({@code subresources.scale}), and its selector there is already in string form.
 *
 * @param selectorIsStructured whether the selector is a {@code metav1.LabelSelector} rather than a string
 * @param readyReplicas null when the kind reports no ready count, which is then counted from its pods
 */
record ScalePaths(List<String> specReplicas, List<String> statusReplicas, List<String> selector,
        boolean selectorIsStructured, List<String> readyReplicas) {

    /** What a cached object says, in /scale's terms. */
    record Figures(int specReplicas, int statusReplicas, String selector, Integer readyReplicas) {}

    static final ScalePaths APPS_V1 = new ScalePaths(path(".spec.replicas"), path(".status.replicas"),
            path(".spec.selector"), true, path(".status.readyReplicas"));

    /** The paths of a CRD's {@code subresources.scale}, e.g. {@code .status.hpaPodSelector}; a null path is absent. */
    static ScalePaths ofCrd(String specReplicasPath, String statusReplicasPath, String labelSelectorPath,
            String readyReplicasPath) {
        return new ScalePaths(path(specReplicasPath), path(statusReplicasPath),
                labelSelectorPath == null ? null : path(labelSelectorPath), false,
                readyReplicasPath == null ? null : path(readyReplicasPath));
    }

    /** The known paths of a kind whose /scale is not a CRD's: apps/v1 Deployment and StatefulSet. */
    static Optional<ScalePaths> builtIn(String apiVersion, String kind) {
        return "apps/v1".equals(apiVersion) && ("Deployment".equals(kind) || "StatefulSet".equals(kind))
                ? Optional.of(APPS_V1) : Optional.empty();
    }

    /** {@code .spec.replicas} as its segments; CRDs write the paths in this JSONPath-like form. */
    static List<String> path(String text) {
        String trimmed = text.startsWith(".") ? text.substring(1) : text;
        if (trimmed.isEmpty() || trimmed.contains("[")) {
            throw new IllegalArgumentException("scale path " + text + " is not a plain field path");
        }
        return List.copyOf(Arrays.asList(trimmed.split("\\.")));
    }

    Figures figures(GenericKubernetesResource object) {
        Integer spec = number(at(object, specReplicas));
        Integer status = number(at(object, statusReplicas));
        Object selectorValue = selector == null ? null : at(object, selector);
        String selectorText = selectorIsStructured ? LabelSelectorText.render(selectorValue)
                : selectorValue instanceof String s ? s : "";
        Integer ready = readyReplicas == null ? null : number(at(object, readyReplicas));
        // As /scale answers for a workload whose controller has not written status yet: none exist, none ready.
        return new Figures(spec == null ? 0 : spec, status == null ? 0 : status, selectorText,
                readyReplicas == null ? null : ready == null ? 0 : ready);
    }

    /** A copy holding only identity, resourceVersion and the scale fields: no pod template, no conditions. */
    GenericKubernetesResource slim(GenericKubernetesResource object) {
        GenericKubernetesResource copy = new GenericKubernetesResource();
        copy.setApiVersion(object.getApiVersion());
        copy.setKind(object.getKind());
        ObjectMeta meta = object.getMetadata();
        copy.setMetadata(new ObjectMetaBuilder().withName(meta.getName()).withNamespace(meta.getNamespace())
                .withUid(meta.getUid()).withResourceVersion(meta.getResourceVersion()).build());
        Map<String, Object> fields = new LinkedHashMap<>();
        for (List<String> path : paths()) {
            Object value = at(object, path);
            if (value != null) {
                put(fields, path, value);
            }
        }
        fields.forEach(copy::setAdditionalProperty);
        return copy;
    }

    private List<List<String>> paths() {
        List<List<String>> all = new ArrayList<>(List.of(specReplicas, statusReplicas));
        if (selector != null) {
            all.add(selector);
        }
        if (readyReplicas != null) {
            all.add(readyReplicas);
        }
        return all;
    }

    private static Object at(GenericKubernetesResource object, List<String> path) {
        Object node = object.getAdditionalProperties().get(path.get(0));
        for (int i = 1; i < path.size() && node != null; i++) {
            node = node instanceof Map<?, ?> map ? map.get(path.get(i)) : null;
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, List<String> path, Object value) {
        Map<String, Object> node = root;
        for (int i = 0; i < path.size() - 1; i++) {
            node = (Map<String, Object>) node.computeIfAbsent(path.get(i), k -> new LinkedHashMap<String, Object>());
        }
        node.put(path.get(path.size() - 1), value);
    }

    private static Integer number(Object value) {
        return value instanceof Number n ? Integer.valueOf(n.intValue()) : null;
    }
}
