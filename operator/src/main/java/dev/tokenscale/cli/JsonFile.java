package dev.tokenscale.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;

/**
 * Reads a small hand-written JSON object (signals, state) from a file; every failure is one line
 * naming the file, and the field where there is one.
 */
final class JsonFile {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final Path file;
    private final ObjectNode root;

    private JsonFile(Path file, ObjectNode root) {
        this.file = file;
        this.root = root;
    }

    /**
     * @param what what the file holds, for the error line ("signals file")
     * @param knownKeys the only keys allowed; anything else is a typo worth reporting
     */
    static JsonFile read(Path file, String what, Set<String> knownKeys) {
        String text = TextFile.read(file, what);
        JsonNode tree;
        try {
            tree = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadInputException(file + ": " + JacksonProblems.describe(e), e);
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new BadInputException(file + ": expected a JSON object, got " + (tree == null || tree.isMissingNode() ? "nothing" : tree.getNodeType().name().toLowerCase()));
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!knownKeys.contains(name)) {
                throw new BadInputException(file + ": " + name + ": unknown field; expected one of " + String.join(", ", knownKeys));
            }
        }
        return new JsonFile(file, object);
    }

    /** The value of a key; null when the key is absent or JSON null. */
    JsonNode get(String key) {
        JsonNode value = root.get(key);
        return value == null || value.isNull() ? null : value;
    }

    BadInputException problem(String key, String problem) {
        return new BadInputException(file + ": " + key + ": " + problem);
    }

    Path file() {
        return file;
    }
}
