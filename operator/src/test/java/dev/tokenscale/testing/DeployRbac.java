package dev.tokenscale.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What deploy/ lets the operator's ServiceAccount do, read from the manifests the kustomization
 * installs: every Role and ClusterRole bound to {@code tokenscale-system/tokenscale-operator}, with
 * a RoleBinding's grants confined to its namespace. Plus the two grants every authenticated user
 * has on any cluster through the API server's default ClusterRoles, since the operator relies on them:
 * {@code system:discovery} (GET on /api and /apis, for kind discovery) and {@code system:basic-user}
 * (create self-subject reviews, with which JOSDK checks its Lease permissions).
 */
public final class DeployRbac {

    public static final String NAMESPACE = "tokenscale-system";
    public static final String SERVICE_ACCOUNT = "tokenscale-operator";
    public static final Path DEPLOY = Path.of("..", "deploy");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<String> DISCOVERY_URLS = List.of("/api", "/api/*", "/apis", "/apis/*", "/version", "/openapi/*");
    private static final List<Grant> DEFAULTS = List.of(new Grant(
            new Rule(List.of("authorization.k8s.io"), List.of("selfsubjectaccessreviews", "selfsubjectrulesreviews"),
                    List.of("create"), List.of(), List.of()), null, "system:basic-user"));

    /** A rule from a Role or ClusterRole. */
    public record Rule(List<String> apiGroups, List<String> resources, List<String> verbs, List<String> resourceNames,
            List<String> nonResourceUrls) {

        boolean allows(ApiCall call) {
            if (!call.isResourceRequest()) {
                return (verbs.contains("*") || verbs.contains(call.verb())) && nonResourceUrls.stream().anyMatch(u -> urlMatches(u, call.path()));
            }
            return matches(apiGroups, call.apiGroup()) && matches(resources, call.resource()) && matches(verbs, call.verb())
                    && (resourceNames.isEmpty() || call.name() != null && resourceNames.contains(call.name()));
        }

        private static boolean matches(List<String> values, String value) {
            return values.contains("*") || values.contains(value);
        }

        private static boolean urlMatches(String pattern, String path) {
            return pattern.endsWith("*") ? path.startsWith(pattern.substring(0, pattern.length() - 1)) : pattern.equals(path);
        }

        Rule withoutVerb(String apiGroup, String resource, String verb) {
            if (!apiGroups.contains(apiGroup) || !resources.contains(resource)) {
                return this;
            }
            return new Rule(apiGroups, resources, verbs.stream().filter(v -> !v.equals(verb)).toList(), resourceNames, nonResourceUrls);
        }
    }

    /** A rule as bound to the operator: everywhere ({@code namespace} null) or in one namespace. */
    public record Grant(Rule rule, String namespace, String from) {

        boolean allows(ApiCall call) {
            return (namespace == null || namespace.equals(call.namespace())) && rule.allows(call);
        }
    }

    private final List<Grant> grants;

    private DeployRbac(List<Grant> grants) {
        this.grants = List.copyOf(grants);
    }

    /** deploy/ as {@code kubectl apply -k deploy/} installs it. */
    public static DeployRbac load() {
        return load(DEPLOY);
    }

    public static DeployRbac load(Path deploy) {
        try {
            JsonNode kustomization = documents(deploy.resolve("kustomization.yaml")).get(0);
            String namespaceOverride = kustomization.path("namespace").asText(null);
            Map<String, JsonNode> roles = new HashMap<>();
            List<JsonNode> bindings = new ArrayList<>();
            for (JsonNode file : kustomization.path("resources")) {
                for (JsonNode doc : documents(deploy.resolve(file.asText()))) {
                    String kind = doc.path("kind").asText();
                    String namespace = namespaceOverride != null ? namespaceOverride : doc.path("metadata").path("namespace").asText(null);
                    switch (kind) {
                        case "ClusterRole" -> roles.put("ClusterRole/" + doc.path("metadata").path("name").asText(), doc);
                        case "Role" -> roles.put("Role/" + namespace + "/" + doc.path("metadata").path("name").asText(), doc);
                        case "ClusterRoleBinding", "RoleBinding" -> bindings.add(doc);
                        default -> { }
                    }
                }
            }
            List<Grant> grants = new ArrayList<>(DEFAULTS);
            grants.add(new Grant(new Rule(List.of(), List.of(), List.of("get"), List.of(), DISCOVERY_URLS), null, "system:discovery"));
            for (JsonNode binding : bindings) {
                if (!bindsTheOperator(binding, namespaceOverride)) {
                    continue;
                }
                boolean clusterWide = binding.path("kind").asText().equals("ClusterRoleBinding");
                String bindingNamespace = clusterWide ? null
                        : namespaceOverride != null ? namespaceOverride : binding.path("metadata").path("namespace").asText();
                JsonNode ref = binding.path("roleRef");
                String key = ref.path("kind").asText().equals("ClusterRole") ? "ClusterRole/" + ref.path("name").asText()
                        : "Role/" + bindingNamespace + "/" + ref.path("name").asText();
                JsonNode role = roles.get(key);
                if (role == null) {
                    throw new IllegalStateException(binding.path("metadata").path("name").asText() + " binds " + key + ", which deploy/ does not install");
                }
                for (JsonNode rule : role.path("rules")) {
                    grants.add(new Grant(rule(rule), bindingNamespace, key));
                }
            }
            return new DeployRbac(grants);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the operator may make this call; empty when it may, else what RBAC would say. */
    public Optional<String> denial(ApiCall call) {
        if (grants.stream().anyMatch(g -> g.allows(call))) {
            return Optional.empty();
        }
        return Optional.of(call.isResourceRequest()
                ? "User \"system:serviceaccount:%s:%s\" cannot %s resource \"%s\" in API group \"%s\"%s".formatted(
                        NAMESPACE, SERVICE_ACCOUNT, call.verb(), call.resource(), call.apiGroup(),
                        call.namespace() == null ? " at the cluster scope" : " in the namespace \"" + call.namespace() + "\"")
                : "User \"system:serviceaccount:%s:%s\" cannot %s path \"%s\"".formatted(NAMESPACE, SERVICE_ACCOUNT, call.verb(), call.path()));
    }

    /** The rules that apply in a namespace, as a SelfSubjectRulesReview answers. */
    public List<Rule> rulesIn(String namespace) {
        return grants.stream().filter(g -> g.namespace() == null || g.namespace().equals(namespace)).map(Grant::rule).toList();
    }

    /** The same RBAC with one verb taken away, to show that a missing grant is caught. */
    public DeployRbac withoutVerb(String apiGroup, String resource, String verb) {
        return new DeployRbac(grants.stream()
                .map(g -> new Grant(g.rule().withoutVerb(apiGroup, resource, verb), g.namespace(), g.from())).toList());
    }

    private static boolean bindsTheOperator(JsonNode binding, String namespaceOverride) {
        for (JsonNode subject : binding.path("subjects")) {
            String namespace = subject.path("namespace").asText(namespaceOverride);
            if (subject.path("kind").asText().equals("ServiceAccount") && subject.path("name").asText().equals(SERVICE_ACCOUNT)
                    && NAMESPACE.equals(namespace)) {
                return true;
            }
        }
        return false;
    }

    private static Rule rule(JsonNode rule) {
        return new Rule(strings(rule.path("apiGroups")), strings(rule.path("resources")), strings(rule.path("verbs")),
                strings(rule.path("resourceNames")), strings(rule.path("nonResourceURLs")));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    documents.add(doc);
                }
            }
        }
        return documents;
    }
}
