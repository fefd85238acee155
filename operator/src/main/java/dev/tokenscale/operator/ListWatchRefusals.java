package dev.tokenscale.operator;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the API server last answered an informer's list or watch of a collection, seen on JOSDK's
 * client: an informer itself only reports that it has not synced, which a slow first list and a
 * refused one share, and only a refusal should drop it. Records only the collections asked for
 * ({@link #follow}), and of those only the refusals, so it holds at most one entry per verb and
 * live informer.
 */
final class ListWatchRefusals implements Interceptor {

    /** A list or watch the API server refused, e.g. {@code watch}, 403. */
    record Refusal(String verb, int code) {

        /** A refusal that retrying at the informer's pace will not change: only an admin or a new CRD does. */
        boolean lasting() {
            return code == 401 || code == 403 || code == 404;
        }
    }

    private final Map<String, Object> followed = new ConcurrentHashMap<>();
    private final Map<String, Refusal> refused = new ConcurrentHashMap<>();

    /** Starts recording the answers to lists and watches of this collection path for {@code follower}, forgetting earlier ones. */
    void follow(String collectionPath, Object follower) {
        clear(collectionPath);
        followed.put(collectionPath, follower);
    }

    /** Stops recording for {@code follower}; a successor that follows the same path since keeps it. */
    void forget(String collectionPath, Object follower) {
        if (followed.remove(collectionPath, follower)) {
            clear(collectionPath);
        }
    }

    private void clear(String collectionPath) {
        refused.remove(key("list", collectionPath));
        refused.remove(key("watch", collectionPath));
    }

    /** The list, else the watch, of the collection that the API server refuses now, if any. */
    Optional<Refusal> refusal(String collectionPath) {
        return Optional.ofNullable(refused.get(key("list", collectionPath)))
                .or(() -> Optional.ofNullable(refused.get(key("watch", collectionPath))));
    }

    @Override
    public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
        String path = request.uri().getPath();
        if (!"GET".equals(request.method()) || !followed.containsKey(path)) {
            return;
        }
        String query = request.uri().getRawQuery();
        String verb = query != null && query.contains("watch=true") ? "watch" : "list";
        int code = response.code();
        // A watch over a WebSocket answers 101 Switching Protocols.
        if (code / 100 == 2 || code == 101) {
            refused.remove(key(verb, path));
        } else if (code >= 400) {
            refused.put(key(verb, path), new Refusal(verb, code));
        }
    }

    private static String key(String verb, String path) {
        return verb + " " + path;
    }
}
