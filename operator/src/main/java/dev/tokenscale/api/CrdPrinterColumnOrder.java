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
 * {@code kubectl get} shows them in file order; this rewrites each generated CRD so the columns
 * follow the order of the {@link AdditionalPrinterColumn} annotations on its kind's class.
 */
public final class CrdPrinterColumnOrder {

    static final String HEADER = "# Generated from dev.tokenscale.api by `mvn -B -q process-classes`; do not edit by hand.\n";

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .build();

    private CrdPrinterColumnOrder() {}

    /** The kinds whose CRDs the build generates. */
    private static final List<Class<?>> KINDS = List.of(InferencePool.class, InferenceBudget.class);

    /** @param args the generated CRD files to rewrite in place, one per kind */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: CrdPrinterColumnOrder <generated CRD file>...");
        }
        for (String arg : args) {
            Path file = Path.of(arg);
            Files.writeString(file, reorder(Files.readString(file)));
        }
    }

    /** The names of InferencePool's printer columns in the order they are declared. */
    public static List<String> declaredOrder() {
        return declaredOrder(InferencePool.class);
    }

    /** The names of a kind's printer columns in the order they are declared. */
    public static List<String> declaredOrder(Class<?> kind) {
        return Arrays.stream(kind.getAnnotationsByType(AdditionalPrinterColumn.class))
                .map(AdditionalPrinterColumn::name)
                .toList();
    }

    static String reorder(String crdYaml) throws IOException {
        JsonNode crd = YAML.readTree(crdYaml);
        String kind = crd.path("spec").path("names").path("kind").asText();
        Class<?> model = KINDS.stream().filter(k -> k.getSimpleName().equals(kind)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no tokenscale kind named '" + kind + "'"));
        List<String> order = declaredOrder(model);
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
