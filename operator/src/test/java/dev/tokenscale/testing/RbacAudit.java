package dev.tokenscale.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenscale.cli.demo.ForwardingDispatcher;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Makes the mock API server authorize the operator the way a real one would with deploy/'s RBAC:
 * every request that carries the operator's token ({@link #OPERATOR_TOKEN}) is recorded as an
 * {@link ApiCall}, checked against {@link DeployRbac}, and answered 403 Forbidden when deploy/ does
 * not grant it. A SelfSubjectRulesReview from the operator is answered from the same rules, so
 * JOSDK's Lease permission check sees what a cluster with deploy/ applied would show. Requests
 * without the token (the test's own setup) pass untouched.
 */
public final class RbacAudit {

    /** The bearer token of the operator's client in tests: its ServiceAccount. */
    public static final String OPERATOR_TOKEN = "tokenscale-operator-serviceaccount";

    private static final String SELF_RULES_REVIEW = "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews";

    /** One request the operator made, and the RBAC denial it met, if any. */
    public record Recorded(ApiCall call, Optional<String> denial) {}

    private volatile DeployRbac rbac;
    private final List<Recorded> recorded = new CopyOnWriteArrayList<>();
    private final ObjectMapper json = new ObjectMapper();
    private volatile boolean denialsExpected;

    public RbacAudit(DeployRbac rbac) {
        this.rbac = rbac;
    }

    /** The cluster admin changes the operator's RBAC, e.g. grants what was missing: the requests from now on are held to it. */
    public void apply(DeployRbac changed) {
        rbac = changed;
    }

    /** Everything the operator asked, in order. */
    public List<Recorded> recorded() {
        return List.copyOf(recorded);
    }

    public List<ApiCall> calls() {
        return recorded.stream().map(Recorded::call).toList();
    }

    /** The calls deploy/'s RBAC refused. */
    public List<Recorded> denials() {
        return recorded.stream().filter(r -> r.denial().isPresent()).toList();
    }

    /** For a test that removes a grant on purpose: closing the cluster then does not fail on denials. */
    public void expectDenials() {
        denialsExpected = true;
    }

    /** @throws AssertionError naming every call deploy/'s RBAC refused, unless denials were expected */
    public void assertNoUnexpectedDenials() {
        List<Recorded> denied = denials();
        if (!denialsExpected && !denied.isEmpty()) {
            StringBuilder message = new StringBuilder("the operator made calls that deploy/'s RBAC does not grant:");
            denied.stream().map(r -> r.call() + ": " + r.denial().orElseThrow()).distinct()
                    .forEach(d -> message.append("\n  ").append(d));
            throw new AssertionError(message.toString());
        }
    }

    /** @return a dispatcher that authorizes the operator's requests and hands every allowed one to {@code api} */
    public Dispatcher inFrontOf(Dispatcher api) {
        return new Authorizing(api);
    }

    private final class Authorizing extends ForwardingDispatcher {

        Authorizing(Dispatcher api) {
            super(api);
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            if (!("Bearer " + OPERATOR_TOKEN).equals(request.getHeader("Authorization"))) {
                return api.dispatch(request);
            }
            ApiCall call = ApiCall.of(request.getMethod(), request.getPath());
            Optional<String> denial = rbac.denial(call);
            recorded.add(new Recorded(call, denial));
            if (denial.isPresent()) {
                return forbidden(call, denial.get());
            }
            if ("POST".equals(request.getMethod()) && SELF_RULES_REVIEW.equals(call.path())) {
                return rulesReview(request);
            }
            return api.dispatch(request);
        }

        @Override
        public void reset() {
            recorded.clear();
            super.reset();
        }
    }

    private MockResponse rulesReview(RecordedRequest request) {
        ObjectNode review = (ObjectNode) read(request.getUtf8Body());
        ObjectNode status = review.putObject("status");
        status.put("incomplete", false);
        ArrayNode resourceRules = status.putArray("resourceRules");
        ArrayNode nonResourceRules = status.putArray("nonResourceRules");
        for (DeployRbac.Rule rule : rbac.rulesIn(review.path("spec").path("namespace").asText())) {
            ObjectNode node = rule.nonResourceUrls().isEmpty() ? resourceRules.addObject() : nonResourceRules.addObject();
            if (rule.nonResourceUrls().isEmpty()) {
                node.set("apiGroups", json.valueToTree(rule.apiGroups()));
                node.set("resources", json.valueToTree(rule.resources()));
                if (!rule.resourceNames().isEmpty()) {
                    node.set("resourceNames", json.valueToTree(rule.resourceNames()));
                }
            } else {
                node.set("nonResourceURLs", json.valueToTree(rule.nonResourceUrls()));
            }
            node.set("verbs", json.valueToTree(rule.verbs()));
        }
        return new MockResponse().setResponseCode(201).setHeader("Content-Type", "application/json").setBody(review.toString());
    }

    private MockResponse forbidden(ApiCall call, String denial) {
        ObjectNode status = json.createObjectNode();
        String subject = call.isResourceRequest()
                ? call.resource() + (call.apiGroup().isEmpty() ? "" : "." + call.apiGroup()) + (call.name() != null ? " \"" + call.name() + "\"" : "")
                : call.path();
        status.put("kind", "Status").put("apiVersion", "v1").put("status", "Failure").put("reason", "Forbidden")
                .put("message", subject + " is forbidden: " + denial).put("code", 403);
        return new MockResponse().setResponseCode(403).setHeader("Content-Type", "application/json").setBody(status.toString());
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
