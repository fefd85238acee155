package dev.tokenscale.operator;

/**
 * Where a workload kind lives in the API: the URL segments of its collection, as API discovery
 * reported them.
 *
 * @param apiVersion "v1" for the core group, else "group/version"
 * @param plural the resource name in URLs, e.g. "deployments"
 */
public record ScalableKind(String apiVersion, String kind, String plural) {

    /** The path of one object of this kind, relative to the API server root, without a leading slash. */
    public String objectPath(String namespace, String name) {
        String root = apiVersion.contains("/") ? "apis/" + apiVersion : "api/" + apiVersion;
        return root + "/namespaces/" + namespace + "/" + plural + "/" + name;
    }
}
