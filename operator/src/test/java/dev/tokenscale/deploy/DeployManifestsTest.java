package dev.tokenscale.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tokenscale.cli.bench.BenchRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Reads every manifest under deploy/ the way kubectl would see it, and holds it to the promises the
 * README makes: least-privilege RBAC and nothing more, a hardened operator pod, probes and a Service
 * on the metrics port, and an example whose names fit together.
 */
class DeployManifestsTest {

    private static final Path DEPLOY = Path.of("..", "deploy");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void everyYamlFileUnderDeployParsesIntoObjectsWithApiVersionKindAndName() throws IOException {
        List<Path> files = yamlFiles();
        assertThat(files).hasSizeGreaterThanOrEqualTo(10);
        for (Path file : files) {
            List<JsonNode> documents = documents(file);
            assertThat(documents).as(file.toString()).isNotEmpty();
            for (JsonNode doc : documents) {
                assertThat(doc.path("apiVersion").asText()).as(file + " apiVersion").isNotBlank();
                assertThat(doc.path("kind").asText()).as(file + " kind").isNotBlank();
                if (!"Kustomization".equals(doc.path("kind").asText())) {
                    assertThat(doc.path("metadata").path("name").asText()).as(file + " name").isNotBlank();
                }
            }
        }
    }

    @Test
    void theKustomizationInstallsEveryOperatorManifestIntoTokenscaleSystem() throws IOException {
        JsonNode kustomization = single(DEPLOY.resolve("kustomization.yaml"));
        assertThat(kustomization.path("namespace").asText()).isEqualTo("tokenscale-system");
        Set<String> listed = new TreeSet<>();
        kustomization.path("resources").forEach(r -> listed.add(r.asText()));
        Set<String> present = new TreeSet<>();
        try (Stream<Path> top = Files.list(DEPLOY)) {
            top.filter(p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().equals("kustomization.yaml"))
                    .forEach(p -> present.add(p.getFileName().toString()));
        }
        assertThat(listed).isEqualTo(present);
        JsonNode account = single(DEPLOY.resolve("serviceaccount.yaml"));
        assertThat(account.path("metadata").path("name").asText()).isEqualTo("tokenscale-operator");
    }

    @Test
    void theClusterRoleGrantsExactlyTheListedRules() throws IOException {
        JsonNode role = single(DEPLOY.resolve("clusterrole.yaml"));
        assertThat(rules(role)).containsExactlyInAnyOrder(
                "tokenscale.dev/inferencepools:get",
                "tokenscale.dev/inferencepools:list",
                "tokenscale.dev/inferencepools:watch",
                "tokenscale.dev/inferencepools/status:patch",
                "tokenscale.dev/inferencebudgets:get",
                "tokenscale.dev/inferencebudgets:list",
                "tokenscale.dev/inferencebudgets:watch",
                "tokenscale.dev/inferencebudgets/status:patch",
                "apps/deployments/scale:get",
                "apps/deployments/scale:patch",
                "apps/statefulsets/scale:get",
                "apps/statefulsets/scale:patch",
                "leaderworkerset.x-k8s.io/leaderworkersets/scale:get",
                "leaderworkerset.x-k8s.io/leaderworkersets/scale:patch",
                "leaderworkerset.x-k8s.io/leaderworkersets:list",
                "leaderworkerset.x-k8s.io/leaderworkersets:watch",
                "apiextensions.k8s.io/customresourcedefinitions:get",
                "apps/deployments:get",
                "apps/deployments:list",
                "apps/deployments:watch",
                "apps/statefulsets:get",
                "apps/statefulsets:list",
                "apps/statefulsets:watch",
                "/pods:list",
                "/pods:watch",
                "/pods:patch",
                "/events:create",
                "/events:patch",
                "/secrets:get");
        JsonNode binding = single(DEPLOY.resolve("clusterrolebinding.yaml"));
        assertThat(binding.path("roleRef").path("name").asText()).isEqualTo("tokenscale-operator");
        assertThat(binding.path("subjects").get(0).path("name").asText()).isEqualTo("tokenscale-operator");
        assertThat(binding.path("subjects").get(0).path("namespace").asText()).isEqualTo("tokenscale-system");
    }

    @Test
    void leasesForLeaderElectionAreGrantedOnlyInTheOperatorNamespace() throws IOException {
        JsonNode role = single(DEPLOY.resolve("leader-election-role.yaml"));
        assertThat(role.path("kind").asText()).isEqualTo("Role");
        assertThat(role.path("metadata").path("namespace").asText()).isEqualTo("tokenscale-system");
        // patch: fabric8's LeaseLock renews, takes over and releases with it; update: JOSDK's start-up check demands it.
        assertThat(rules(role)).containsExactlyInAnyOrder("coordination.k8s.io/leases:get", "coordination.k8s.io/leases:create",
                "coordination.k8s.io/leases:update", "coordination.k8s.io/leases:patch");
        JsonNode binding = single(DEPLOY.resolve("leader-election-rolebinding.yaml"));
        assertThat(binding.path("roleRef").path("name").asText()).isEqualTo(role.path("metadata").path("name").asText());
    }

    @Test
    void theBenchmarkRunsTheOperatorWithTheJvmSettingsDeploysPodGivesIt() throws IOException {
        JsonNode container = single(DEPLOY.resolve("deployment.yaml")).path("spec").path("template").path("spec")
                .path("containers").get(0);
        java.util.Map<String, String> env = new java.util.TreeMap<>();
        container.path("env").forEach(variable -> env.put(variable.path("name").asText(), variable.path("value").asText()));
        List<String> flags = new ArrayList<>(List.of(env.get("JAVA_TOOL_OPTIONS").split(" ")));
        // What the container's limits show the JVM: the bench runs outside a container.
        assertThat(container.path("resources").path("limits").path("memory").asText()).isEqualTo("512Mi");
        assertThat(container.path("resources").path("limits").path("cpu").asText()).isIn("1", "1000m");
        flags.add("-XX:MaxRAM=512m");
        flags.add("-XX:ActiveProcessorCount=1");

        assertThat(BenchRun.DEPLOY_JVM_FLAGS).containsExactlyInAnyOrderElementsOf(flags);
        assertThat(env).containsAllEntriesOf(BenchRun.DEPLOY_JVM_ENVIRONMENT);
    }

    @Test
    void theImageRunsTheJvmWithDeploysSettingsWhenNothingOverridesThem() throws IOException {
        JsonNode container = single(DEPLOY.resolve("deployment.yaml")).path("spec").path("template").path("spec")
                .path("containers").get(0);
        java.util.Map<String, String> env = new java.util.TreeMap<>();
        container.path("env").forEach(variable -> env.put(variable.path("name").asText(), variable.path("value").asText()));
        String dockerfile = Files.readString(Path.of("Dockerfile"));

        // The image adds only where temporary files go: the Deployment mounts an emptyDir there.
        assertThat(dockerfile).contains("JAVA_TOOL_OPTIONS=\"" + env.get("JAVA_TOOL_OPTIONS") + " -Djava.io.tmpdir=/tmp\"");
        BenchRun.DEPLOY_JVM_ENVIRONMENT.forEach((name, value) -> assertThat(dockerfile).contains(name + "=" + value));
    }

    @Test
    void theOperatorPodIsHardenedProbedLimitedAndExposesMetricsThroughItsService() throws IOException {
        JsonNode deployment = single(DEPLOY.resolve("deployment.yaml"));
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        assertThat(pod.path("serviceAccountName").asText()).isEqualTo("tokenscale-operator");
        assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.path("securityContext").path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");
        JsonNode container = pod.path("containers").get(0);
        JsonNode security = container.path("securityContext");
        assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(security.path("allowPrivilegeEscalation").isBoolean()).isTrue();
        assertThat(security.path("allowPrivilegeEscalation").asBoolean()).isFalse();
        assertThat(security.path("capabilities").path("drop").toString()).isEqualTo("[\"ALL\"]");
        assertThat(container.path("resources").path("requests").path("memory").asText()).isNotBlank();
        assertThat(container.path("resources").path("limits").path("memory").asText()).isNotBlank();
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/healthz");
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/readyz");
        assertThat(container.path("volumeMounts").get(0).path("mountPath").asText()).isEqualTo("/tmp");
        assertThat(pod.path("volumes").get(0).has("emptyDir")).isTrue();
        assertThat(container.path("args").get(0).asText()).isEqualTo("run");

        String portName = container.path("ports").get(0).path("name").asText();
        JsonNode service = single(DEPLOY.resolve("service.yaml"));
        assertThat(service.path("spec").path("ports").get(0).path("targetPort").asText()).isEqualTo(portName);
        assertThat(service.path("spec").path("selector")).isEqualTo(deployment.path("spec").path("selector").path("matchLabels"));
        JsonNode monitor = single(DEPLOY.resolve("monitoring/servicemonitor.yaml"));
        assertThat(monitor.path("spec").path("endpoints").get(0).path("port").asText())
                .isEqualTo(service.path("spec").path("ports").get(0).path("name").asText());
        assertThat(monitor.path("spec").path("selector").path("matchLabels")).isEqualTo(service.path("metadata").path("labels"));
    }

    @Test
    void theDashboardChartsReplicasLatencyAgainstTheSloCostAndDecisions() throws IOException {
        String json = Files.readString(DEPLOY.resolve("monitoring/grafana-dashboard.json"));
        JsonNode dashboard = new ObjectMapper().readTree(json);
        List<String> titles = new ArrayList<>();
        dashboard.path("panels").forEach(p -> titles.add(p.path("title").asText()));
        assertThat(titles).contains("Replicas vs traffic", "P99 TTFT vs SLO", "P99 TPOT vs SLO", "Cost", "Decisions by reason");
        assertThat(json).contains("tokenscale_pool_replicas", "tokenscale_pool_slo_milliseconds",
                "tokenscale_pool_cost_per_hour_dollars", "tokenscale_scaling_decisions_total", "signal=\\\"ttftP99Ms\\\"");
    }

    @Test
    void theExampleDeploymentIsTheExamplePoolsTargetAndThePodMonitorScrapesIt() throws IOException {
        JsonNode pool = single(DEPLOY.resolve("examples/inferencepool.yaml"));
        JsonNode deployment = documents(DEPLOY.resolve("examples/vllm-deployment.yaml")).stream()
                .filter(d -> "Deployment".equals(d.path("kind").asText())).findFirst().orElseThrow();
        JsonNode ref = pool.path("spec").path("scaleTargetRef");
        assertThat(ref.path("kind").asText()).isEqualTo("Deployment");
        assertThat(deployment.path("metadata").path("name").asText()).isEqualTo(ref.path("name").asText());
        assertThat(deployment.path("metadata").path("namespace").asText()).isEqualTo(pool.path("metadata").path("namespace").asText());
        JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
        assertThat(container.path("resources").path("limits").path("nvidia.com/gpu").asText())
                .isEqualTo(pool.path("spec").path("cost").path("gpusPerReplica").asText());

        JsonNode podMonitor = single(DEPLOY.resolve("examples/podmonitor.yaml"));
        assertThat(podMonitor.path("metadata").path("namespace").asText()).isEqualTo(pool.path("metadata").path("namespace").asText());
        assertThat(podMonitor.path("spec").path("selector").path("matchLabels"))
                .isEqualTo(deployment.path("spec").path("template").path("metadata").path("labels"));
        assertThat(podMonitor.path("spec").path("podMetricsEndpoints").get(0).path("port").asText())
                .isEqualTo(container.path("ports").get(0).path("name").asText());
    }

    @Test
    void theExampleDeploymentDrainsRunningRequestsWithinItsTerminationGracePeriod() throws IOException {
        JsonNode deployment = documents(DEPLOY.resolve("examples/vllm-deployment.yaml")).stream()
                .filter(d -> "Deployment".equals(d.path("kind").asText())).findFirst().orElseThrow();
        JsonNode podSpec = deployment.path("spec").path("template").path("spec");
        String drain = podSpec.path("containers").get(0).path("lifecycle").path("preStop").path("exec").path("command").toString();
        java.util.regex.Matcher bound = java.util.regex.Pattern.compile("time\\.monotonic\\(\\) \\+ (\\d+)").matcher(drain);
        java.util.regex.Matcher settle = java.util.regex.Pattern.compile("time\\.sleep\\((\\d+)\\)").matcher(drain);

        assertThat(drain).contains("vllm:num_requests_running", "127.0.0.1:8000/metrics");
        assertThat(bound.find()).as("the drain has a bound").isTrue();
        assertThat(settle.find()).isTrue();
        assertThat(Integer.parseInt(bound.group(1)) + Integer.parseInt(settle.group(1)))
                .as("the drain ends before the grace period kills the pod")
                .isLessThan(podSpec.path("terminationGracePeriodSeconds").asInt());
    }

    private static List<String> rules(JsonNode role) {
        List<String> grants = new ArrayList<>();
        for (JsonNode rule : role.path("rules")) {
            for (JsonNode group : rule.path("apiGroups")) {
                for (JsonNode resource : rule.path("resources")) {
                    for (JsonNode verb : rule.path("verbs")) {
                        grants.add(group.asText() + "/" + resource.asText() + ":" + verb.asText());
                    }
                }
            }
            assertThat(rule.has("resourceNames")).as("rules name no single objects").isFalse();
        }
        return grants;
    }

    private static List<Path> yamlFiles() throws IOException {
        try (Stream<Path> all = Files.walk(DEPLOY)) {
            return all.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
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

    private static JsonNode single(Path file) throws IOException {
        List<JsonNode> documents = documents(file);
        assertThat(documents).as(file.toString()).hasSize(1);
        return documents.get(0);
    }
}
