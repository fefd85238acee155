package dev.tokenscale.deploy;

import java.util.List;

/**
 * One line of the README's install block and what it creates, in the order kubectl sends it.
 *
 * @param requires resource names (plural or short name) the line needs the API server to know, as
 *     {@code kubectl get ipool} does
 */
record InstallStep(String line, List<InstalledObject> objects, List<String> requires) {

    /** What the walk needs to know of one object. */
    record InstalledObject(String apiVersion, String kind, String namespace, String name, boolean namespaced,
            boolean custom, List<String> secretsRead, String scaleTargetKind, String scaleTargetName,
            CrdNames definesCrd) {

        String group() {
            int slash = apiVersion.indexOf('/');
            return slash < 0 ? "" : apiVersion.substring(0, slash);
        }

        String describe() {
            return kind + " " + (namespace == null ? "" : namespace + "/") + name;
        }
    }

    /** A CRD's names, for custom resources and `kubectl get` by short name. */
    record CrdNames(String group, String kind, String plural, List<String> shortNames, boolean namespaced) {}
}
