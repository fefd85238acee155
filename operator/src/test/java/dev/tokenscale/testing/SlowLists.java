package dev.tokenscale.testing;

import dev.tokenscale.cli.demo.ForwardingDispatcher;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes the mock API server slow to answer an informer's list of a collection, as a real one is
 * with thousands of objects under load: while {@link #hold held}, every list of that path without a
 * label selector (an informer's; an evaluation's pod LIST names its selector) is answered after the
 * given delay. Watches and every other request are answered at once.
 */
public final class SlowLists {

    private final Map<String, Duration> held = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> slowed = new ConcurrentHashMap<>();

    /** @param collectionPath e.g. {@code /api/v1/namespaces/llm/pods} */
    public void hold(String collectionPath, Duration delay) {
        held.put(collectionPath, delay);
    }

    /** Lists of the path are answered at once from now on. */
    public void release(String collectionPath) {
        held.remove(collectionPath);
    }

    /** How many lists of the path were answered late. */
    public int slowed(String collectionPath) {
        AtomicInteger count = slowed.get(collectionPath);
        return count == null ? 0 : count.get();
    }

    Dispatcher inFrontOf(Dispatcher api) {
        return new Slowing(api);
    }

    private final class Slowing extends ForwardingDispatcher {

        Slowing(Dispatcher api) {
            super(api);
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            MockResponse response = api.dispatch(request);
            String pathAndQuery = request.getPath();
            int q = pathAndQuery.indexOf('?');
            String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
            String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
            Duration delay = held.get(path);
            if (delay != null && "GET".equals(request.getMethod()) && !query.contains("watch=true")
                    && !query.contains("labelSelector=")) {
                slowed.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                response.setBodyDelay(delay);
            }
            return response;
        }
    }
}
