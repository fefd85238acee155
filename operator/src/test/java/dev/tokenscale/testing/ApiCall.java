package dev.tokenscale.testing;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One HTTP request to the API server, as RBAC sees it: the API group, the resource (with its
 * subresource, as in {@code deployments/scale}), the verb, and where. Requests outside any API
 * group's resources (discovery such as {@code GET /apis/apps/v1}) are non-resource requests, which
 * RBAC matches by URL.
 *
 * @param apiGroup "" for the core group
 * @param resource e.g. {@code leases} or {@code inferencepools/status}; null for a non-resource request
 * @param namespace null for a cluster-wide request
 * @param name null for a collection
 * @param path the URL path without its query, kept for messages and non-resource rules
 */
public record ApiCall(String apiGroup, String resource, String verb, String namespace, String name, String path) {

    /** The RBAC verb and resource of an API request, the way the API server's request-info resolver derives them. */
    public static ApiCall of(String method, String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        List<String> parts = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
        String group;
        List<String> rest;
        if (parts.size() >= 2 && parts.get(0).equals("api")) {
            group = "";
            rest = parts.subList(2, parts.size());
        } else if (parts.size() >= 3 && parts.get(0).equals("apis")) {
            group = parts.get(1);
            rest = parts.subList(3, parts.size());
        } else {
            return nonResource(method, path);
        }
        if (rest.isEmpty()) {
            return nonResource(method, path);
        }
        String namespace = null;
        if (rest.get(0).equals("namespaces") && rest.size() >= 3) {
            namespace = rest.get(1);
            rest = rest.subList(2, rest.size());
        }
        String resource = rest.get(0);
        String name = rest.size() >= 2 ? rest.get(1) : null;
        if (rest.size() >= 3) {
            resource = resource + "/" + rest.get(2);
        }
        if (resource.equals("namespaces") && name != null && namespace == null) {
            namespace = name;
        }
        return new ApiCall(group, resource, verb(method, name != null, watching(query)), namespace, name, path);
    }

    private static ApiCall nonResource(String method, String path) {
        return new ApiCall(null, null, method.toLowerCase(Locale.ROOT), null, null, path);
    }

    private static String verb(String method, boolean named, boolean watch) {
        return switch (method) {
            case "GET", "HEAD" -> watch ? "watch" : named ? "get" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> method.toLowerCase(Locale.ROOT);
        };
    }

    private static boolean watching(String query) {
        return Arrays.stream(query.split("&")).anyMatch(p -> p.equals("watch=true") || p.equals("watch=1"));
    }

    public boolean isResourceRequest() {
        return resource != null;
    }

    /** The grant this call needs, in the form the tests print: {@code coordination.k8s.io/leases:patch}. */
    public String grant() {
        return isResourceRequest() ? apiGroup + "/" + resource + ":" + verb : path + ":" + verb;
    }

    @Override
    public String toString() {
        return grant() + (namespace != null ? " in " + namespace : " cluster-wide") + (name != null ? " (" + name + ")" : "");
    }
}
