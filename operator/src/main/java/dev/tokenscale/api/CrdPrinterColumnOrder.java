package dev.tokenscale.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A build step run right after fabric8's crd-generator-maven-plugin (see operator/pom.xml). The
 * generator sorts printer columns by JSON path and has no option to keep the declared order, but
 * {@code kubectl get} shows them in file order; this rewrites the generated CRD so the columns
 * follow the order of the {@link AdditionalPrinterColumn} annotations on {@link InferencePool}.
 */
public final class CrdPrinterColumnOrder {

    static final String HEADER = "# Generated from dev.tokenscale.api by `mvn -B -q process-classes`; do not edit by hand.\n";

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .build();

    private CrdPrinterColumnOrder() {}

    /** @param args the generated CRD file to rewrite in place */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: CrdPrinterColumnOrder <generated CRD file>");
        }
        Path file = Path.of(args[0]);
        Files.writeString(file, reorder(Files.readString(file)));
    }

    /** The names of InferencePool's printer columns in the order they are declared. */
    public static List<String> declaredOrder() {
        return Arrays.stream(InferencePool.class.getAnnotationsByType(AdditionalPrinterColumn.class))
                .map(AdditionalPrinterColumn::name)
                .toList();
    }

    static String reorder(String crdYaml) throws IOException {
        JsonNode crd = YAML.readTree(crdYaml);
        List<String> order = declaredOrder();
        for (JsonNode version : crd.path("spec").path("versions")) {
            if (version.get("additionalPrinterColumns") instanceof ArrayNode columns) {
                List<JsonNode> sorted = new ArrayList<>();
                columns.forEach(sorted::add);
                sorted.sort(Comparator.comparingInt(column -> rank(order, column.path("name").asText())));
                ((ObjectNode) version).putArray("additionalPrinterColumns").addAll(sorted);
            }
        }
        return HEADER + YAML.writeValueAsString(crd);
    }

    /** A column not declared on the class (none today) keeps its place after the declared ones. */
    private static int rank(List<String> order, String name) {
        int index = order.indexOf(name);
        return index >= 0 ? index : order.size();
    }
}
