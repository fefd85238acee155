package dev.tokenscale.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.tokenscale.api.InferencePool;
import dev.tokenscale.operator.InvalidSpecException;
import dev.tokenscale.operator.PoolSettings;
import dev.tokenscale.operator.PoolSettingsMapping;
import java.nio.file.Path;

/**
 * Reads an InferencePool manifest from a file, as {@code kubectl apply -f} would take it, and fails
 * with one line naming the file and the field. Stricter than the operator's reads from the API
 * server: an unknown field is an error here, because in a hand-written file it is a typo that would
 * otherwise be silently ignored.
 */
public final class PoolFile {

    static final String API_VERSION = InferencePool.GROUP + "/" + InferencePool.VERSION;
    static final String KIND = "InferencePool";

    private static final ObjectMapper YAML = strictYaml();

    private PoolFile() {}

    /** @throws BadInputException when the file cannot be read or is not a valid InferencePool */
    public static InferencePool load(Path file) {
        String text = TextFile.read(file, "pool file");
        YamlText.refuseTabIndentation(file, text);
        JsonNode tree = YamlText.singleDocument(file, YAML, text);
        checkKind(file, tree);
        try {
            return YAML.treeToValue(tree, InferencePool.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String problem = e instanceof JsonProcessingException json ? JacksonProblems.describe(json, tree) : e.getMessage();
            throw new BadInputException(file + ": " + problem, e);
        }
    }

    /** Loads the pool and maps its spec, with every default applied and every rule checked. */
    public static PoolSettings loadSettings(Path file) {
        return settingsOf(file, load(file));
    }

    /** Maps a pool already loaded from {@code file}; errors name the file and the field. */
    public static PoolSettings settingsOf(Path file, InferencePool pool) {
        try {
            return PoolSettingsMapping.map(pool.getSpec());
        } catch (InvalidSpecException e) {
            throw new BadInputException(file + ": " + e.getMessage(), e);
        }
    }

    private static void checkKind(Path file, JsonNode tree) {
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new BadInputException(file + ": is empty; expected an " + KIND + " manifest");
        }
        if (!tree.isObject()) {
            throw new BadInputException(file + ": expected an " + KIND + " manifest (a YAML mapping), got a " + tree.getNodeType().name().toLowerCase());
        }
        String kind = tree.path("kind").asText("");
        String apiVersion = tree.path("apiVersion").asText("");
        if (!KIND.equals(kind)) {
            throw new BadInputException(file + ": kind: expected " + KIND + ", got '" + kind + "'");
        }
        if (!API_VERSION.equals(apiVersion)) {
            String hint = apiVersion.startsWith("inference.networking.x-k8s.io/")
                    ? " (that is the Gateway API Inference Extension's InferencePool, which routes requests; tokenscale's scales workers)"
                    : "";
            throw new BadInputException(file + ": apiVersion: expected " + API_VERSION + ", got '" + apiVersion + "'" + hint);
        }
    }

    /** A float is not silently truncated into a replica count, nor a quoted "5" taken as a number. */
    static ObjectMapper strictYaml() {
        YAMLMapper mapper = YAMLMapper.builder()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
        for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        return mapper;
    }
}
