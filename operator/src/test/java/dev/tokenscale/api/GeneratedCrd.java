package dev.tokenscale.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The CRD as the build generates it, and the copy checked in under crds/. Paths are from the module directory. */
public final class GeneratedCrd {

    public static final String FILE_NAME = "inferencepools.tokenscale.dev-v1.yml";
    public static final Path GENERATED = Path.of("target", "classes", "META-INF", "fabric8", FILE_NAME);
    public static final Path CHECKED_IN = Path.of("..", "crds", FILE_NAME);

    public static final String BUDGET_FILE_NAME = "inferencebudgets.tokenscale.dev-v1.yml";
    public static final Path BUDGET_GENERATED = Path.of("target", "classes", "META-INF", "fabric8", BUDGET_FILE_NAME);
    public static final Path BUDGET_CHECKED_IN = Path.of("..", "crds", BUDGET_FILE_NAME);

    private GeneratedCrd() {}

    /** The InferenceBudget CRD as generated. */
    public static JsonNode budget() {
        return read(BUDGET_GENERATED);
    }

    public static JsonNode generated() {
        return read(GENERATED);
    }

    /** The openAPIV3Schema of the only version. */
    public static JsonNode schema() {
        return generated().path("spec").path("versions").path(0).path("schema").path("openAPIV3Schema");
    }

    static JsonNode read(Path file) {
        try {
            return new YAMLMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
