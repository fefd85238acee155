package dev.tokenscale.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tokenscale.deploy.InstallStep.CrdNames;
import dev.tokenscale.deploy.InstallStep.InstalledObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The README's cluster install, walked line by line in its order, as a fresh cluster would take it.
 * No real API server runs here (see the README); what kubectl can check without one, it checks too
 * when it is installed.
 */
class InstallOrderTest {

    private static final Path ROOT = Path.of("..");
    private static final String HEADING = "## Install on a cluster";
    /** The README lists the Prometheus Operator (kube-prometheus-stack) as a prerequisite; these are its CRDs. */
    private static final List<CrdNames> PROMETHEUS_OPERATOR = List.of(
            new CrdNames("monitoring.coreos.com", "PodMonitor", "podmonitors", List.of("pmon"), true),
            new CrdNames("monitoring.coreos.com", "ServiceMonitor", "servicemonitors", List.of("smon"), true));

    private final InstallManifests manifests = new InstallManifests(ROOT);
    private final InstallWalk walk = new InstallWalk(PROMETHEUS_OPERATOR);

    @Test
    void theReadmesInstallStepsApplyInOrderOnAFreshCluster() throws IOException {
        List<InstallStep> steps = readmeSteps();
        assertThat(walk.problems(steps)).isEmpty();
        assertThat(steps.stream().mapToInt(s -> s.objects().size()).sum()).isGreaterThanOrEqualTo(15);
    }

    @Test
    void theReadmeInstallsCrdOperatorNamespaceSecretModelServerMonitorAndPoolInThatOrder() throws IOException {
        List<InstallStep> steps = readmeSteps();
        List<Integer> order = List.of(
                stepCreating(steps, "CustomResourceDefinition", "inferencepools.tokenscale.dev"),
                stepCreating(steps, "Deployment", "tokenscale-operator"),
                stepCreating(steps, "Namespace", "inference"),
                stepCreating(steps, "Secret", "hf-token"),
                stepCreating(steps, "Deployment", "llama-3-1-70b-vllm"),
                stepCreating(steps, "PodMonitor", "llama-3-1-70b-vllm"),
                stepCreating(steps, "InferencePool", "llama-3-1-70b"));
        assertThat(order).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void theWalkRefusesASecretBeforeItsNamespaceAPoolBeforeItsTargetAndACustomResourceBeforeItsCrd() throws IOException {
        List<InstallStep> steps = new ArrayList<>();
        for (String line : List.of(
                "kubectl -n inference create secret generic hf-token --from-literal=token=x",
                "kubectl apply -f deploy/examples/namespace.yaml",
                "kubectl apply -f deploy/examples/inferencepool.yaml",
                "kubectl apply -f crds/",
                "kubectl apply -f deploy/examples/vllm-deployment.yaml")) {
            steps.add(manifests.step(line));
        }
        assertThat(walk.problems(steps)).satisfiesExactlyInAnyOrder(
                p -> assertThat(p).startsWith("step 1").contains("Secret inference/hf-token: namespace inference does not exist yet"),
                p -> assertThat(p).startsWith("step 3").contains("no earlier step installs the CRD of InferencePool"),
                p -> assertThat(p).startsWith("step 3").contains("scales Deployment llama-3-1-70b-vllm, which no earlier step creates"));
    }

    @Test
    void theWalkRefusesAModelServerWhoseSecretComesLaterAndAGetOfAnUndefinedResource() throws IOException {
        List<InstallStep> steps = new ArrayList<>();
        for (String line : List.of(
                "kubectl apply -f deploy/examples/namespace.yaml",
                "kubectl apply -f deploy/examples/vllm-deployment.yaml",
                "kubectl get ipool -n inference")) {
            steps.add(manifests.step(line));
        }
        assertThat(walk.problems(steps)).satisfiesExactly(
                p -> assertThat(p).startsWith("step 2").contains("reads Secret hf-token, which no earlier step creates"),
                p -> assertThat(p).startsWith("step 3").contains("the resource ipool is not defined by any earlier step"));
    }

    @Test
    void kubectlKustomizeRendersTheSameObjectsAsReadingTheKustomization() throws IOException, InterruptedException {
        List<InstalledObject> rendered = manifests.kubectlKustomize(ROOT.resolve("deploy"));
        Assumptions.assumeTrue(rendered != null, "kubectl is not installed; the README walk above reads deploy/ itself");
        assertThat(rendered).extracting(InstalledObject::describe)
                .containsExactlyInAnyOrderElementsOf(manifests.kustomize(ROOT.resolve("deploy")).stream()
                        .map(InstalledObject::describe).toList());
    }

    @Test
    void kubectlCreatesTheReadmesSecretInTheNamespaceTheWalkExpects() throws IOException, InterruptedException {
        Path kubectl = InstallManifests.onPath("kubectl");
        Assumptions.assumeTrue(kubectl != null, "kubectl is not installed");
        String line = readmeLines().stream().filter(l -> l.contains("create secret")).findFirst().orElseThrow();
        List<String> command = new ArrayList<>();
        command.add(kubectl.toString());
        for (String word : line.replaceAll("<[^>]*>", "t0ken").split("\\s+")) {
            if (!word.equals("kubectl")) {
                command.add(word);
            }
        }
        command.addAll(List.of("--dry-run=client", "-o", "yaml"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("KUBECONFIG", "/nonexistent");
        Process process = builder.start();
        String yaml;
        try (InputStream out = process.getInputStream()) {
            yaml = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
        JsonNode secret = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        InstalledObject expected = manifests.step(line).objects().get(0);
        assertThat(secret.path("kind").asText()).isEqualTo(expected.kind());
        assertThat(secret.path("metadata").path("namespace").asText()).isEqualTo(expected.namespace());
        assertThat(secret.path("metadata").path("name").asText()).isEqualTo(expected.name());
    }

    @Test
    void everyMonitorCarriesTheReleaseLabelThatKubePrometheusStackSelectsBy() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<Path> monitors;
        try (Stream<Path> all = Files.walk(ROOT.resolve("deploy"))) {
            monitors = all.filter(p -> p.toString().endsWith(".yaml")).filter(p -> {
                try {
                    return Files.readString(p).contains("kind: PodMonitor") || Files.readString(p).contains("kind: ServiceMonitor");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        assertThat(monitors).hasSize(2);
        String readme = Files.readString(ROOT.resolve("README.md"));
        for (Path monitor : monitors) {
            String release = yaml.readTree(monitor.toFile()).path("metadata").path("labels").path("release").asText();
            assertThat(release).as(monitor.toString()).isEqualTo("kube-prometheus-stack");
            assertThat(readme).contains("release: " + release);
        }
        assertThat(readme.indexOf("### No signals?")).isPositive();
        assertThat(readme.substring(readme.indexOf("### No signals?"))).contains("release: <Helm release>", "up{namespace=");
    }

    private List<InstallStep> readmeSteps() throws IOException {
        List<InstallStep> steps = new ArrayList<>();
        for (String line : readmeLines()) {
            steps.add(manifests.step(line));
        }
        return steps;
    }

    private static List<String> readmeLines() throws IOException {
        List<String> lines = InstallManifests.kubectlLines(ROOT.resolve("README.md"), HEADING);
        assertThat(lines).hasSizeGreaterThanOrEqualTo(8);
        return lines;
    }

    private static int stepCreating(List<InstallStep> steps, String kind, String name) {
        for (int i = 0; i < steps.size(); i++) {
            for (InstalledObject object : steps.get(i).objects()) {
                if (object.kind().equals(kind) && object.name().equals(name)) {
                    return i;
                }
            }
        }
        throw new AssertionError("no install step creates " + kind + " " + name);
    }
}
