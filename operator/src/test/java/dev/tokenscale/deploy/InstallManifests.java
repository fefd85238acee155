package dev.tokenscale.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tokenscale.deploy.InstallStep.CrdNames;
import dev.tokenscale.deploy.InstallStep.InstalledObject;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Turns the README's install lines into the objects each creates: `kubectl apply -f` of a file or a
 * directory, `kubectl apply -k` of a kustomization, `kubectl create secret generic`, and
 * `kubectl get`. Manifests are read with fabric8's serializer, which knows which built-in kinds are
 * namespaced; a kind it does not know is a custom resource and needs its CRD.
 */
final class InstallManifests {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final Path root;

    InstallManifests(Path root) {
        this.root = root;
    }

    /** The lines of the first fenced block after {@code heading} that start with kubectl, comments cut. */
    static List<String> kubectlLines(Path readme, String heading) throws IOException {
        List<String> lines = Files.readAllLines(readme);
        int at = lines.indexOf(heading);
        if (at < 0) {
            throw new IllegalStateException(readme + " has no heading " + heading);
        }
        List<String> block = new ArrayList<>();
        boolean inside = false;
        for (int i = at + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("```")) {
                if (inside && block.stream().anyMatch(l -> l.startsWith("kubectl "))) {
                    break;
                }
                inside = !inside;
                block.clear();
            } else if (inside) {
                int comment = line.indexOf(" #");
                block.add((comment < 0 ? line : line.substring(0, comment)).strip());
            }
        }
        return block.stream().filter(l -> l.startsWith("kubectl ")).toList();
    }

    InstallStep step(String line) throws IOException {
        List<String> words = List.of(line.split("\\s+"));
        if (words.size() >= 4 && words.get(1).equals("apply") && words.get(2).equals("-f")) {
            return new InstallStep(line, objects(files(root.resolve(words.get(3))), null), List.of());
        }
        if (words.size() >= 4 && words.get(1).equals("apply") && words.get(2).equals("-k")) {
            return new InstallStep(line, kustomize(root.resolve(words.get(3))), List.of());
        }
        int create = words.indexOf("create");
        if (create > 0 && words.size() > create + 3 && words.get(create + 1).equals("secret")) {
            String namespace = words.get(words.indexOf("-n") + 1);
            String name = words.get(create + 3);
            return new InstallStep(line, List.of(new InstalledObject("v1", "Secret", namespace, name, true, false,
                    List.of(), null, null, null)), List.of());
        }
        if (words.size() >= 3 && words.get(1).equals("get")) {
            return new InstallStep(line, List.of(), List.of(words.get(2)));
        }
        throw new IllegalArgumentException("the install check does not know this kubectl line: " + line);
    }

    /** The objects of a kustomization, read from its files: its namespace set on every namespaced object. */
    List<InstalledObject> kustomize(Path directory) throws IOException {
        JsonNode kustomization = documents(Files.readString(directory.resolve("kustomization.yaml"))).get(0);
        String namespace = kustomization.path("namespace").asText(null);
        List<Path> files = new ArrayList<>();
        kustomization.path("resources").forEach(r -> files.add(directory.resolve(r.asText())));
        return objects(files, namespace);
    }

    /** `kubectl kustomize`'s rendering of the directory, or null when kubectl is not installed. */
    List<InstalledObject> kubectlKustomize(Path directory) throws IOException, InterruptedException {
        Path kubectl = onPath("kubectl");
        if (kubectl == null) {
            return null;
        }
        Process process = new ProcessBuilder(kubectl.toString(), "kustomize", directory.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String yaml;
        try (InputStream out = process.getInputStream()) {
            yaml = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("kubectl kustomize " + directory + " failed");
        }
        return parse(yaml, null);
    }

    static Path onPath(String binary) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, binary);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** kubectl's own order for `apply -f DIR`: the directory's manifest files, by name, not recursing. */
    private static List<Path> files(Path target) throws IOException {
        if (!Files.isDirectory(target)) {
            return List.of(target);
        }
        try (Stream<Path> listing = Files.list(target)) {
            return listing.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")
                    || p.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static List<InstalledObject> objects(List<Path> files, String namespaceOverride) throws IOException {
        List<InstalledObject> objects = new ArrayList<>();
        for (Path file : files) {
            objects.addAll(parse(Files.readString(file), namespaceOverride));
        }
        return objects;
    }

    private static List<InstalledObject> parse(String yaml, String namespaceOverride) throws IOException {
        List<InstalledObject> objects = new ArrayList<>();
        for (JsonNode document : documents(yaml)) {
            KubernetesResource typed = SERIALIZATION.unmarshal(YAML.writeValueAsString(document));
            boolean custom = typed instanceof GenericKubernetesResource
                    || typed.getClass().getPackageName().startsWith("dev.tokenscale");
            String kind = document.path("kind").asText();
            boolean namespaced = custom || typed instanceof Namespaced;
            JsonNode metadata = document.path("metadata");
            String namespace = !namespaced ? null
                    : namespaceOverride != null ? namespaceOverride : metadata.path("namespace").asText(null);
            List<String> secrets = new ArrayList<>();
            document.findValues("secretKeyRef").forEach(ref -> secrets.add(ref.path("name").asText()));
            JsonNode target = document.path("spec").path("scaleTargetRef");
            objects.add(new InstalledObject(document.path("apiVersion").asText(), kind, namespace,
                    metadata.path("name").asText(), namespaced, custom, secrets,
                    target.isMissingNode() ? null : target.path("kind").asText(),
                    target.isMissingNode() ? null : target.path("name").asText(),
                    "CustomResourceDefinition".equals(kind) ? crdNames(document) : null));
        }
        return objects;
    }

    private static CrdNames crdNames(JsonNode crd) {
        JsonNode spec = crd.path("spec");
        JsonNode names = spec.path("names");
        List<String> shortNames = new ArrayList<>();
        names.path("shortNames").forEach(n -> shortNames.add(n.asText()));
        return new CrdNames(spec.path("group").asText(), names.path("kind").asText(), names.path("plural").asText(),
                shortNames, "Namespaced".equals(spec.path("scope").asText()));
    }

    private static List<JsonNode> documents(String yaml) {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    documents.add(doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }
}
