package dev.tokenscale.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A build step run after fabric8's crd-generator-maven-plugin and {@link CrdPrinterColumnOrder} (see
 * operator/pom.xml): it turns {@code spec.metrics.preset} into an enum of the preset files the build
 * ships plus {@code custom}, so {@code kubectl apply} refuses a typo instead of the operator finding
 * it later. The Java field stays a String, so a new engine is still one new preset file: the next
 * build lists it here.
 */
public final class CrdPresetEnum {

    /** The preset that takes its queries from the pool instead of a file. */
    public static final String CUSTOM = "custom";
    static final String SUFFIX = ".properties";

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .build();

    private CrdPresetEnum() {}

    /** @param args the generated CRD file to rewrite in place, and the directory of the preset files */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: CrdPresetEnum <generated CRD file> <presets directory>");
        }
        Path file = Path.of(args[0]);
        Files.writeString(file, withPresets(Files.readString(file), presetNames(Path.of(args[1]))));
    }

    /** The preset names a directory of preset files gives, sorted, plus custom. */
    public static List<String> presetNames(Path directory) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(SUFFIX))
                    .map(n -> n.substring(0, n.length() - SUFFIX.length())).forEach(names::add);
        }
        if (names.isEmpty()) {
            throw new IllegalStateException(directory + " holds no preset file; the CRD would allow only custom");
        }
        names.add(CUSTOM);
        return names.stream().sorted().distinct().toList();
    }

    static String withPresets(String crdYaml, List<String> presets) throws IOException {
        JsonNode crd = YAML.readTree(crdYaml);
        for (JsonNode version : crd.path("spec").path("versions")) {
            JsonNode preset = version.at("/schema/openAPIV3Schema/properties/spec/properties/metrics/properties/preset");
            if (!(preset instanceof ObjectNode field)) {
                throw new IllegalStateException("the CRD has no spec.metrics.preset in version " + version.path("name").asText());
            }
            // The enum says everything the pattern did, and says it in the error kubectl prints.
            field.remove("pattern");
            field.putArray("enum").addAll(presets.stream().map(field::textNode).toList());
        }
        return CrdPrinterColumnOrder.HEADER + YAML.writeValueAsString(crd);
    }
}
