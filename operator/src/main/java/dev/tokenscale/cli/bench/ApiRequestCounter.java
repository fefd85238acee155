package dev.tokenscale.cli.bench;

import dev.tokenscale.cli.demo.ForwardingDispatcher;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the requests that reach the embedded API server with the operator's bearer token, by RBAC
 * verb and resource (as the API server's request-info resolver names them: a GET of a collection is
 * a list, with {@code watch=true} a watch). The benchmark's own requests (creating the pools,
 * playing the workload controller) carry no token and are not counted.
 */
final class ApiRequestCounter extends ForwardingDispatcher {

    static final List<String> VERBS = List.of("get", "list", "watch", "create", "update", "patch", "delete");

    private final String authorization;
    private final Map<String, LongAdder> byVerbAndResource = new ConcurrentHashMap<>();

    ApiRequestCounter(String token, Dispatcher api) {
        super(api);
        this.authorization = "Bearer " + token;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        if (authorization.equals(request.getHeader("Authorization"))) {
            byVerbAndResource.computeIfAbsent(key(request.getMethod(), request.getPath()), k -> new LongAdder()).increment();
        }
        return api.dispatch(request);
    }

    /** Counts so far, keyed "verb resource", e.g. "get deployments" or "patch inferencepools/status". */
    Map<String, Long> counts() {
        Map<String, Long> out = new TreeMap<>();
        byVerbAndResource.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    static String key(String method, String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        boolean watch = q >= 0 && Arrays.asList(pathAndQuery.substring(q + 1).split("&")).contains("watch=true");
        List<String> parts = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
        List<String> rest;
        if (parts.size() >= 2 && parts.get(0).equals("api")) {
            rest = parts.subList(2, parts.size());
        } else if (parts.size() >= 3 && parts.get(0).equals("apis")) {
            rest = parts.subList(3, parts.size());
        } else {
            return method.toLowerCase(java.util.Locale.ROOT) + " " + path;
        }
        if (rest.size() >= 3 && rest.get(0).equals("namespaces")) {
            rest = rest.subList(2, rest.size());
        }
        if (rest.isEmpty()) {
            return method.toLowerCase(java.util.Locale.ROOT) + " " + path;
        }
        boolean named = rest.size() >= 2;
        String resource = rest.get(0) + (rest.size() >= 3 ? "/" + rest.get(2) : "");
        String verb = switch (method) {
            case "GET", "HEAD" -> watch ? "watch" : named ? "get" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> "delete";
            default -> method.toLowerCase(java.util.Locale.ROOT);
        };
        return verb + " " + resource;
    }
}
