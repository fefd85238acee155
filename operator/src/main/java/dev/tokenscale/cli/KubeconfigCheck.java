package dev.tokenscale.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds the kubeconfig the way fabric8 does (the {@code kubeconfig} system property or
 * {@code KUBECONFIG}, a list of files; else {@code ~/.kube/config}; else the in-cluster
 * ServiceAccount) and refuses, in one line, one that cannot work: none at all outside a cluster, a
 * file that cannot be read or is not YAML, or a current context that leads to no server. fabric8
 * alone would fall back to a default address and retry it for ever.
 */
final class KubeconfigCheck {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private KubeconfigCheck() {}

    /**
     * @param kubeconfigList the {@code kubeconfig} property or {@code KUBECONFIG}; null when unset
     * @throws BadInputException saying what is wrong and with which file
     */
    static void verify(String kubeconfigList, Path userHome, boolean inCluster) {
        List<Path> files = new ArrayList<>();
        if (kubeconfigList != null && !kubeconfigList.isBlank()) {
            Arrays.stream(kubeconfigList.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).forEach(files::add);
            List<Path> present = files.stream().filter(Files::exists).toList();
            if (present.isEmpty()) {
                throw new BadInputException("no usable kubeconfig: KUBECONFIG names " + kubeconfigList + ", which does not exist");
            }
            files = present;
        } else {
            Path home = userHome.resolve(".kube").resolve("config");
            if (!Files.exists(home)) {
                if (inCluster) {
                    return;
                }
                throw new BadInputException("no usable kubeconfig: set KUBECONFIG or create " + home
                        + ", or run in a cluster with a ServiceAccount");
            }
            files.add(home);
        }
        verifyContext(files.stream().map(KubeconfigCheck::read).toList(), files);
    }

    private static JsonNode read(Path file) {
        String text;
        try {
            if (Files.isDirectory(file)) {
                throw new BadInputException("cannot read kubeconfig " + file + ": it is a directory");
            }
            text = Files.readString(file);
        } catch (IOException e) {
            throw new BadInputException("cannot read kubeconfig " + file + ": " + FileProblem.of(e), e);
        }
        try {
            JsonNode tree = YAML.readTree(text);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                throw new BadInputException("kubeconfig " + file + " is empty");
            }
            if (!tree.isObject()) {
                throw new BadInputException("kubeconfig " + file + " is malformed: expected a YAML mapping with clusters, contexts and users");
            }
            return tree;
        } catch (JsonProcessingException e) {
            String problem = e.getOriginalMessage() == null ? "not YAML" : e.getOriginalMessage().lines().findFirst().orElse("not YAML");
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw new BadInputException("kubeconfig " + file + " is malformed" + (line > 0 ? " at line " + line : "") + ": " + problem, e);
        }
    }

    /** The current context, its cluster and the cluster's server, merged across files first-wins as kubectl does. */
    private static void verifyContext(List<JsonNode> configs, List<Path> files) {
        String where = files.size() == 1 ? "kubeconfig " + files.get(0) : "kubeconfig " + files;
        String current = configs.stream().map(c -> c.path("current-context").asText("")).filter(s -> !s.isBlank())
                .findFirst().orElse(null);
        if (current == null) {
            throw new BadInputException(where + " has no current-context; set one with kubectl config use-context");
        }
        JsonNode context = named(configs, "contexts", current);
        if (context == null) {
            throw new BadInputException(where + ": current-context '" + current + "' names no entry under contexts");
        }
        String clusterName = context.path("context").path("cluster").asText("");
        JsonNode cluster = named(configs, "clusters", clusterName);
        if (cluster == null) {
            throw new BadInputException(where + ": context '" + current + "' names cluster '" + clusterName
                    + "', which is not under clusters");
        }
        String server = cluster.path("cluster").path("server").asText("");
        try {
            URI uri = new URI(server);
            if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                throw new URISyntaxException(server, "expected an http(s) URL with a host");
            }
        } catch (URISyntaxException e) {
            throw new BadInputException(where + ": cluster '" + clusterName + "' has server '" + server
                    + "', which is not an http(s) URL with a host");
        }
    }

    private static JsonNode named(List<JsonNode> configs, String section, String name) {
        for (JsonNode config : configs) {
            for (JsonNode entry : config.path(section)) {
                if (name.equals(entry.path("name").asText(null))) {
                    return entry;
                }
            }
        }
        return null;
    }
}
