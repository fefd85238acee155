package dev.tokenscale.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenscale.api.GeneratedCrd;
import dev.tokenscale.api.InferencePoolSpec;
import org.junit.jupiter.api.Test;

/**
 * The API server fills the CRD's defaults; a file given to explain and the mock API server do not,
 * so the mapping fills them too. This proves both give the same settings: it applies the generated
 * schema's defaults the way the API server does (every object materialised so nested defaults show)
 * and maps the result next to the bare spec.
 */
class CrdDefaultsTest {

    private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    @Test
    void mappingDefaultsAreTheCrdDefaults() throws JsonProcessingException {
        InferencePoolSpec bare = Specs.minimal();
        ObjectNode defaulted = JSON.valueToTree(bare);
        JsonNode specSchema = GeneratedCrd.schema().path("properties").path("spec");
        int applied = applyDefaults(specSchema, defaulted);

        PoolSettings fromJava = PoolSettingsMapping.map(bare);
        PoolSettings fromCrd = PoolSettingsMapping.map(JSON.treeToValue(defaulted, InferencePoolSpec.class));

        assertThat(applied).as("defaults found in the CRD").isGreaterThanOrEqualTo(17);
        assertThat(fromCrd).isEqualTo(fromJava);
    }

    private static int applyDefaults(JsonNode schema, ObjectNode object) {
        int[] applied = {0};
        schema.path("properties").fields().forEachRemaining(entry -> {
            String name = entry.getKey();
            JsonNode property = entry.getValue();
            if (!object.has(name) && property.has("default")) {
                object.set(name, property.get("default"));
                applied[0]++;
            }
            // An absent object with required fields (a Secret reference) has no defaults and, when
            // materialised empty, would only be invalid; the API server leaves absent objects absent anyway.
            if (property.has("properties") && (object.has(name) || !property.has("required"))) {
                ObjectNode child = object.has(name) ? (ObjectNode) object.get(name) : object.putObject(name);
                applied[0] += applyDefaults(property, child);
            }
        });
        return applied[0];
    }
}
