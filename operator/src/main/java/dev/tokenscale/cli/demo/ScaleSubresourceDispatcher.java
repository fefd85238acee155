package dev.tokenscale.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.CustomResourceAware;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.Resetable;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Teaches fabric8's CRUD mock server what a real API server does and the mock does not: API
 * discovery for the scalable workload kinds, the answer to a SelfSubjectRulesReview (JOSDK checks
 * its Lease permissions with one before leader election), and a {@code /scale} subresource that answers an
 * autoscaling/v1 Scale (spec.replicas, status.replicas, status.selector) and applies a merge patch of
 * spec.replicas to the object, with a resourceVersion precondition that answers 409 when stale.
 * Merge patches follow RFC 7386 (the mock appends to arrays). Everything else goes to the CRUD
 * dispatcher.
 *
 * <p>The real API server remains the only proof that the production code's /scale requests are
 * right for every kind; see docs/testing.md, "What the tests cannot prove".
 */
public final class ScaleSubresourceDispatcher extends Dispatcher implements Resetable, CustomResourceAware {

    private static final Pattern SCALE_PATH = Pattern.compile("^(/apis?/.+/namespaces/[^/]+/[^/]+/[^/?]+)/scale(\\?.*)?$");
    private static final Map<String, List<String[]>> DISCOVERY = Map.of(
            "/apis/apps/v1", List.of(
                    new String[] {"deployments", "Deployment"},
                    new String[] {"statefulsets", "StatefulSet"}),
            "/apis/leaderworkerset.x-k8s.io/v1", List.<String[]>of(
                    new String[] {"leaderworkersets", "LeaderWorkerSet"}));

    private static final String SELF_RULES_REVIEW = "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews";

    private final KubernetesMixedDispatcher crud;
    private final ObjectMapper json = new ObjectMapper();
    public ScaleSubresourceDispatcher(KubernetesMixedDispatcher crud) {
        this.crud = crud;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getPath();
        String pathOnly = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        if ("GET".equals(request.getMethod()) && DISCOVERY.containsKey(pathOnly)) {
            return discovery(pathOnly);
        }
        if ("POST".equals(request.getMethod()) && SELF_RULES_REVIEW.equals(pathOnly)) {
            return selfRulesReview(request);
        }
        Matcher scale = SCALE_PATH.matcher(path);
        if (scale.matches()) {
            String objectPath = scale.group(1);
            return switch (request.getMethod()) {
                case "GET" -> readScale(objectPath);
                case "PATCH" -> writeScale(objectPath, request);
                default -> status(405, "MethodNotAllowed", request.getMethod() + " on /scale is not served by this fixture");
            };
        }
        String contentType = request.getHeader("Content-Type");
        if ("PATCH".equals(request.getMethod()) && contentType != null && contentType.startsWith("application/merge-patch+json")) {
            return mergePatch(request, pathOnly);
        }
        return crud.dispatch(request);
    }

    /**
     * RFC 7386 merge patch. The CRUD mock merges with Jackson, which appends to arrays instead of
     * replacing them; the API server replaces them, and status conditions depend on that.
     */
    private MockResponse mergePatch(RecordedRequest request, String pathOnly) {
        String objectPath = pathOnly.endsWith("/status") ? pathOnly.substring(0, pathOnly.length() - "/status".length()) : pathOnly;
        MockResponse object = crud.dispatch(request("GET", objectPath, null));
        if (object.code() != 200) {
            return object;
        }
        JsonNode merged = merge(parse(object), read(request.getUtf8Body()));
        RecordedRequest put = new RecordedRequest("HTTP/1.1", HttpMethod.PUT, request.getPath(),
                Headers.builder().add("Content-Type", "application/json").build(), new Buffer().writeUtf8(merged.toString()));
        return crud.dispatch(put);
    }

    private static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target.isObject() ? ((ObjectNode) target).deepCopy() : new ObjectMapper().createObjectNode();
        patch.fields().forEachRemaining(field -> {
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), merge(result.path(field.getKey()), field.getValue()));
            }
        });
        return result;
    }

    private MockResponse discovery(String path) {
        String groupVersion = path.startsWith("/apis/") ? path.substring("/apis/".length()) : "v1";
        ObjectNode list = json.createObjectNode();
        list.put("kind", "APIResourceList").put("apiVersion", "v1").put("groupVersion", groupVersion);
        ArrayNode resources = list.putArray("resources");
        for (String[] kind : DISCOVERY.get(path)) {
            resources.addObject().put("name", kind[0]).put("kind", kind[1]).put("namespaced", true)
                    .putArray("verbs").add("get").add("list").add("watch").add("patch").add("update");
            resources.addObject().put("name", kind[0] + "/scale").put("kind", "Scale").put("group", "autoscaling")
                    .put("version", "v1").put("namespaced", true).putArray("verbs").add("get").add("patch").add("update");
            resources.addObject().put("name", kind[0] + "/status").put("kind", kind[1]).put("namespaced", true)
                    .putArray("verbs").add("get").add("patch").add("update");
        }
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json").setBody(list.toString());
    }

    /**
     * What the API server answers JOSDK's leader-election permission check with, for a subject bound
     * to deploy/leader-election-role.yaml: get, create, update and patch on leases in the asked namespace.
     */
    private MockResponse selfRulesReview(RecordedRequest request) {
        ObjectNode review = (ObjectNode) read(request.getUtf8Body());
        ObjectNode status = review.putObject("status");
        status.put("incomplete", false);
        ObjectNode rule = status.putArray("resourceRules").addObject();
        rule.putArray("apiGroups").add("coordination.k8s.io");
        rule.putArray("resources").add("leases");
        rule.putArray("verbs").add("get").add("create").add("update").add("patch");
        status.putArray("nonResourceRules");
        return new MockResponse().setResponseCode(201).setHeader("Content-Type", "application/json").setBody(review.toString());
    }

    private MockResponse readScale(String objectPath) {
        MockResponse object = crud.dispatch(request("GET", objectPath, null));
        if (object.code() != 200) {
            return object;
        }
        return ok(scaleOf(parse(object)));
    }

    private MockResponse writeScale(String objectPath, RecordedRequest request) {
        String body = request.getUtf8Body();
        MockResponse object = crud.dispatch(request("GET", objectPath, null));
        if (object.code() != 200) {
            return object;
        }
        JsonNode current = parse(object);
        JsonNode patch = read(body);
        String expectedVersion = patch.path("metadata").path("resourceVersion").asText(null);
        String actualVersion = current.path("metadata").path("resourceVersion").asText(null);
        if (expectedVersion != null && !expectedVersion.equals(actualVersion)) {
            return status(409, "Conflict", "the object has been modified; please apply your changes to the latest version and try again");
        }
        if (!patch.path("spec").path("replicas").isInt()) {
            return status(422, "Invalid", "a scale patch must set spec.replicas");
        }
        ObjectNode objectPatch = json.createObjectNode();
        objectPatch.putObject("spec").put("replicas", patch.path("spec").path("replicas").asInt());
        MockResponse patched = crud.dispatch(request("PATCH", objectPath, objectPatch.toString()));
        if (patched.code() / 100 != 2) {
            return patched;
        }
        // The CRUD mock answers a patch with 202; the API server answers 200 with the new Scale.
        return ok(scaleOf(parse(patched)));
    }

    private ObjectNode scaleOf(JsonNode object) {
        ObjectNode scale = json.createObjectNode();
        scale.put("kind", "Scale").put("apiVersion", "autoscaling/v1");
        ObjectNode metadata = scale.putObject("metadata");
        metadata.put("name", object.path("metadata").path("name").asText());
        metadata.put("namespace", object.path("metadata").path("namespace").asText());
        metadata.put("resourceVersion", object.path("metadata").path("resourceVersion").asText());
        metadata.put("uid", object.path("metadata").path("uid").asText());
        scale.putObject("spec").put("replicas", object.path("spec").path("replicas").asInt(1));
        ObjectNode status = scale.putObject("status");
        status.put("replicas", object.path("status").path("replicas").asInt(0));
        Map<String, String> labels = new TreeMap<>();
        object.path("spec").path("selector").path("matchLabels").fields()
                .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        if (object.path("status").path("hpaPodSelector").isTextual()) {
            // A LeaderWorkerSet's CRD names status.hpaPodSelector as its labelSelectorPath.
            status.put("selector", object.path("status").path("hpaPodSelector").asText());
        } else if (!labels.isEmpty()) {
            status.put("selector", String.join(",", labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
        return scale;
    }

    private static RecordedRequest request(String method, String path, String body) {
        Headers.Builder headers = Headers.builder();
        Buffer buffer = new Buffer();
        if (body != null) {
            headers.add("Content-Type", "application/merge-patch+json");
            buffer.writeUtf8(body);
        }
        return new RecordedRequest("HTTP/1.1", HttpMethod.valueOf(method), path, headers.build(), buffer);
    }

    private JsonNode parse(MockResponse response) {
        return read(response.getBody().readUtf8());
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MockResponse ok(JsonNode body) {
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json").setBody(body.toString());
    }

    private MockResponse status(int code, String reason, String message) {
        ObjectNode status = json.createObjectNode();
        status.put("kind", "Status").put("apiVersion", "v1").put("status", "Failure")
                .put("reason", reason).put("message", message).put("code", code);
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(status.toString());
    }

    @Override
    public void reset() {
        crud.reset();
    }

    @Override
    public void expectCustomResource(CustomResourceDefinitionContext context) {
        crud.expectCustomResource(context);
    }
}
