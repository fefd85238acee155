package dev.tokenscale.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tokenscale.operator.ShardSelector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * examples/sharding/: each shard's overlay sets a selector the operator accepts and a Lease of its
 * own, and together the shards' selectors give every pool exactly one operator.
 */
class ShardingOverlayTest {

    private static final Path SHARDING = Path.of("..", "examples", "sharding");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void eachShardSetsAValidSelectorAndItsOwnLeaseAndEveryPoolHasExactlyOneShard() throws IOException {
        Map<String, String> a = env("a");
        Map<String, String> b = env("b");

        ShardSelector shardA = new ShardSelector(a.get("TOKENSCALE_SHARD_SELECTOR"));
        ShardSelector shardB = new ShardSelector(b.get("TOKENSCALE_SHARD_SELECTOR"));
        assertThat(a.get("TOKENSCALE_LEASE_NAME")).isNotBlank().isNotEqualTo(b.get("TOKENSCALE_LEASE_NAME"));
        // The two selectors are "shard!=b" and "shard=b": a pool with no label, with a and with b.
        assertThat(shardA.text()).isEqualTo("tokenscale.dev/shard!=b");
        assertThat(shardB.text()).isEqualTo("tokenscale.dev/shard=b");
        assertThat(YAML.readTree(SHARDING.resolve("kustomization.yaml").toFile()).path("resources"))
                .extracting(JsonNode::asText).containsExactly("a", "b");
    }

    /** The env entries each shard's JSON patch adds to the operator's container. */
    private static Map<String, String> env(String shard) throws IOException {
        JsonNode kustomization = YAML.readTree(SHARDING.resolve(shard).resolve("kustomization.yaml").toFile());
        assertThat(kustomization.path("resources")).extracting(JsonNode::asText).containsExactly("../../../deploy");
        assertThat(kustomization.path("nameSuffix").asText()).isEqualTo("-shard-" + shard);
        Map<String, String> env = new HashMap<>();
        for (JsonNode patch : kustomization.path("patches")) {
            if (!"Deployment".equals(patch.path("target").path("kind").asText())) {
                continue;
            }
            List<JsonNode> ops = List.of(YAML.readTree(patch.path("patch").asText()));
            for (JsonNode op : ops.get(0)) {
                assertThat(op.path("path").asText()).isEqualTo("/spec/template/spec/containers/0/env/-");
                env.put(op.path("value").path("name").asText(), op.path("value").path("value").asText());
            }
        }
        return env;
    }
}
