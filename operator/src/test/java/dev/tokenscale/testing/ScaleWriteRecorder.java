package dev.tokenscale.testing;

import dev.tokenscale.cli.demo.ForwardingDispatcher;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in front of the embedded API server's dispatcher and records every PATCH on a /scale
 * subresource and on a pod, in the order they arrived, with the status each was answered with; it
 * can refuse the next scale writes with 409 as if someone else had changed the object in between.
 * Test-only, so the demo's dispatcher carries no such hooks.
 */
public final class ScaleWriteRecorder {

    private final List<ScaleWrite> writes = new CopyOnWriteArrayList<>();
    private final AtomicInteger conflictsToInject = new AtomicInteger();

    /** One PATCH the mock received on a /scale subresource or a pod. */
    public record ScaleWrite(String path, String body, int answeredWith) {

        public boolean isScale() {
            return pathOnly(path).endsWith("/scale");
        }

        /** The patched pod's name, or null for a scale write. */
        public String pod() {
            String p = pathOnly(path);
            return p.contains("/pods/") ? p.substring(p.lastIndexOf('/') + 1) : null;
        }
    }

    public List<ScaleWrite> scaleWrites() {
        return writes.stream().filter(ScaleWrite::isScale).toList();
    }

    /** Every recorded PATCH, scale writes and pod patches, in arrival order. */
    public List<ScaleWrite> writes() {
        return List.copyOf(writes);
    }


    /** The next {@code count} scale writes are refused with 409 Conflict. */
    public void injectConflicts(int count) {
        conflictsToInject.set(count);
    }

    private static String pathOnly(String path) {
        return path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    }

    /** @return a dispatcher that records scale writes and hands every request on to {@code api} */
    public Dispatcher inFrontOf(Dispatcher api) {
        return new Recording(api);
    }

    private final class Recording extends ForwardingDispatcher {

        Recording(Dispatcher api) {
            super(api);
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            boolean scale = isScaleWrite(request);
            boolean pod = isPodPatch(request);
            if (!scale && !pod) {
                return api.dispatch(request);
            }
            // getBytes leaves the body in place for the dispatcher behind; readUtf8 would drain it.
            String body = new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
            MockResponse response = scale && conflictsToInject.getAndUpdate(n -> Math.max(0, n - 1)) > 0
                    ? conflict()
                    : api.dispatch(request);
            writes.add(new ScaleWrite(request.getPath(), body, response.code()));
            return response;
        }

        private static boolean isScaleWrite(RecordedRequest request) {
            return "PATCH".equals(request.getMethod()) && pathOnly(request.getPath()).endsWith("/scale");
        }

        private static boolean isPodPatch(RecordedRequest request) {
            return "PATCH".equals(request.getMethod()) && pathOnly(request.getPath()).matches("^/api/v1/namespaces/[^/]+/pods/[^/]+$");
        }

        private static MockResponse conflict() {
            String status = Serialization.asJson(new StatusBuilder().withStatus("Failure").withReason("Conflict").withCode(409)
                    .withMessage("the object has been modified; please apply your changes to the latest version and try again")
                    .build());
            return new MockResponse().setResponseCode(409).setHeader("Content-Type", "application/json").setBody(status);
        }

        @Override
        public void reset() {
            writes.clear();
            super.reset();
        }
    }
}
