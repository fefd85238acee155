package dev.tokenscale.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenscale.signals.PresetCatalog;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class CrdSchemaTest {

    private final JsonNode crd = GeneratedCrd.generated();
    private final JsonNode spec = GeneratedCrd.schema().path("properties").path("spec");

    @Test
    void isANamespacedTokenscaleResourceWithShortNameIpool() throws IOException {
        CustomResourceDefinition definition = Serialization.unmarshal(Files.readString(GeneratedCrd.GENERATED), CustomResourceDefinition.class);

        assertThat(definition.getSpec().getGroup()).isEqualTo("tokenscale.dev");
        assertThat(definition.getSpec().getScope()).isEqualTo("Namespaced");
        assertThat(definition.getSpec().getNames().getShortNames()).containsExactly("ipool");
        assertThat(definition.getSpec().getVersions()).singleElement()
                .satisfies(version -> {
                    assertThat(version.getName()).isEqualTo("v1alpha1");
                    assertThat(version.getSubresources().getStatus()).isNotNull();
                });
    }

    @Test
    void listsPrinterColumnsInTheDeclaredOrder() {
        List<String> names = names(crd.path("spec").path("versions").path(0).path("additionalPrinterColumns"));

        assertThat(names).containsExactly("Target", "Priority", "Mode", "Min", "Max", "Replicas", "Desired", "TTFT-P99", "TPOT-P99", "Util", "$/h", "Ready", "Age");
        assertThat(names).isEqualTo(CrdPrinterColumnOrder.declaredOrder());
    }

    @Test
    void documentsEverySchemaPropertyForKubectlExplain() {
        List<String> undocumented = new ArrayList<>();
        collectUndocumented(GeneratedCrd.schema(), "", undocumented);

        assertThat(undocumented).as("properties without a description").isEmpty();
    }

    @Test
    void requiresTheTargetTheBoundAndThePrice() {
        assertThat(texts(spec.path("required"))).containsExactlyInAnyOrder("scaleTargetRef", "maxReplicas", "cost");
        assertThat(texts(spec.at("/properties/scaleTargetRef/required"))).containsExactlyInAnyOrder("apiVersion", "kind", "name");
        assertThat(texts(spec.at("/properties/cost/required"))).containsExactly("gpuHourlyCost");
    }

    @Test
    void limitsEnumsToTheKnownValues() {
        assertThat(texts(spec.at("/properties/mode/enum"))).containsExactlyInAnyOrder("Auto", "Recommend");
        assertThat(texts(spec.at("/properties/scaling/properties/policy/enum"))).containsExactlyInAnyOrder("Step", "Proportional", "Adaptive");
        assertThat(texts(spec.at("/properties/priority/enum"))).containsExactlyInAnyOrder("realtime", "interactive", "batch", "background");
        assertThat(spec.at("/properties/priority/default").asText()).isEqualTo("interactive");
    }

    @Test
    void offersTheSeedsSuggestedSloPerPriorityInKubectlExplain() {
        assertThat(spec.at("/properties/priority/description").asText())
                .contains("realtime ttftP99 200ms / tpotP99 30ms", "interactive 1000ms / 50ms", "batch 30000ms / 100ms",
                        "background 60000ms / 200ms", "spec.slo always decides");
    }

    @Test
    void theBudgetIsAClusterScopedKindWithShortNameIbudgetAndItsOwnColumns() throws IOException {
        CustomResourceDefinition definition = Serialization.unmarshal(
                Files.readString(GeneratedCrd.BUDGET_GENERATED), CustomResourceDefinition.class);
        JsonNode budget = GeneratedCrd.budget();

        assertThat(definition.getSpec().getGroup()).isEqualTo("tokenscale.dev");
        assertThat(definition.getSpec().getScope()).isEqualTo("Cluster");
        assertThat(definition.getSpec().getNames().getKind()).isEqualTo("InferenceBudget");
        assertThat(definition.getSpec().getNames().getShortNames()).containsExactly("ibudget");
        assertThat(definition.getSpec().getVersions()).singleElement()
                .satisfies(version -> assertThat(version.getSubresources().getStatus()).isNotNull());
        List<String> columns = names(budget.path("spec").path("versions").path(0).path("additionalPrinterColumns"));
        assertThat(columns).containsExactly("Max-$/h", "Max-GPUs", "$/h", "GPUs", "Pools", "Capped", "Age");
        assertThat(columns).isEqualTo(CrdPrinterColumnOrder.declaredOrder(InferenceBudget.class));
    }

    @Test
    void theBudgetNeedsALimitNeverNegativeAndDocumentsEveryField() {
        JsonNode schema = GeneratedCrd.budget().path("spec").path("versions").path(0).path("schema").path("openAPIV3Schema");
        JsonNode budgetSpec = schema.path("properties").path("spec");
        List<String> undocumented = new ArrayList<>();
        collectUndocumented(schema, "", undocumented);

        assertThat(undocumented).as("properties without a description").isEmpty();
        assertThat(rules(budgetSpec.path("x-kubernetes-validations"))).containsExactly("has(self.maxHourlyCost) || has(self.maxGPUs)");
        assertThat(budgetSpec.at("/x-kubernetes-validations/0/message").asText()).isEqualTo("set maxHourlyCost, maxGPUs or both");
        assertThat(budgetSpec.at("/properties/maxHourlyCost/minimum").asDouble()).isZero();
        assertThat(budgetSpec.at("/properties/maxGPUs/minimum").asDouble()).isZero();
        assertThat(budgetSpec.at("/properties/poolSelector/properties/matchExpressions/items/properties/operator/pattern").asText())
                .isEqualTo("^(In|NotIn|Exists|DoesNotExist)$");
    }

    @Test
    void limitsThePresetToThePresetFilesTheBuildShipsPlusCustom() throws java.io.IOException {
        JsonNode preset = spec.at("/properties/metrics/properties/preset");
        List<String> files = new ArrayList<>();
        try (var listing = java.nio.file.Files.list(java.nio.file.Path.of("src", "main", "resources", "presets"))) {
            listing.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".properties"))
                    .forEach(n -> files.add(n.substring(0, n.length() - ".properties".length())));
        }

        assertThat(files).contains("vllm", "sglang");
        assertThat(texts(preset.path("enum"))).containsExactlyInAnyOrderElementsOf(
                java.util.stream.Stream.concat(files.stream(), java.util.stream.Stream.of(PresetCatalog.CUSTOM)).toList());
        assertThat(CrdPresetEnum.CUSTOM).isEqualTo(PresetCatalog.CUSTOM);
        assertThat(texts(preset.path("enum"))).allMatch(name -> name.matches(PresetCatalog.NAME_PATTERN));
        assertThat(preset.path("type").asText()).isEqualTo("string");
        assertThat(preset.path("default").asText()).isEqualTo("vllm");
        assertThat(preset.path("description").asText()).contains("vllm", "sglang", "custom");
    }

    @Test
    void aNewPresetFileJoinsTheEnumWithNothingElseToChange(@org.junit.jupiter.api.io.TempDir java.nio.file.Path presets)
            throws java.io.IOException {
        java.nio.file.Files.writeString(presets.resolve("vllm.properties"), "");
        java.nio.file.Files.writeString(presets.resolve("tgi.properties"), "");
        java.nio.file.Files.writeString(presets.resolve("README.txt"), "not a preset");
        String crd = java.nio.file.Files.readString(GeneratedCrd.GENERATED);

        JsonNode rewritten = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(
                CrdPresetEnum.withPresets(crd, CrdPresetEnum.presetNames(presets)));

        JsonNode preset = rewritten.at("/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/metrics/properties/preset");
        assertThat(texts(preset.path("enum"))).containsExactly("custom", "tgi", "vllm");
        assertThat(preset.has("pattern")).isFalse();
    }

    @Test
    void checksEveryDurationAgainstTheSharedPattern() {
        for (String pointer : List.of("/properties/evaluationInterval", "/properties/slo/properties/ttftP99",
                "/properties/slo/properties/tpotP99", "/properties/cooldown/properties/scaleUp",
                "/properties/cooldown/properties/scaleDown", "/properties/metrics/properties/window",
                "/properties/metrics/properties/prometheus/properties/timeout")) {
            assertThat(spec.at(pointer + "/pattern").asText()).as(pointer).isEqualTo(Durations.PATTERN);
        }
    }

    @Test
    void boundsEveryNumber() {
        assertThat(spec.at("/properties/minReplicas/minimum").asDouble()).isZero();
        assertThat(spec.at("/properties/maxReplicas/minimum").asDouble()).isEqualTo(1);
        assertThat(spec.at("/properties/utilization/properties/scaleUpAbovePercent/maximum").asDouble()).isEqualTo(100);
        assertThat(spec.at("/properties/utilization/properties/targetPercent/minimum").asDouble()).isEqualTo(1);
        assertThat(spec.at("/properties/scaling/properties/maxStepUp/minimum").asDouble()).isEqualTo(1);
        assertThat(spec.at("/properties/cost/properties/gpusPerReplica/minimum").asDouble()).isEqualTo(1);
        assertThat(spec.at("/properties/cost/properties/gpuHourlyCost/minimum").asDouble()).isZero();
        assertThat(spec.at("/properties/queue/properties/scaleUpAbovePerReplica/minimum").asDouble()).isZero();
    }

    @Test
    void capsTheNumbersThatFeedReplicaAndCostArithmetic() {
        assertThat(spec.at("/properties/scaling/properties/maxStepUp/maximum").asDouble()).isEqualTo(1000);
        assertThat(spec.at("/properties/scaling/properties/maxStepDown/maximum").asDouble()).isEqualTo(1000);
        assertThat(spec.at("/properties/cost/properties/gpusPerReplica/maximum").asDouble()).isEqualTo(1024);
        assertThat(spec.at("/properties/cost/properties/gpuHourlyCost/maximum").asDouble()).isEqualTo(10000);
        assertThat(spec.at("/properties/cost/properties/overheadPercent/maximum").asDouble()).isEqualTo(1000);
    }

    @Test
    void validatesCrossFieldRulesWithMessagesAUserUnderstands() {
        JsonNode specRules = spec.path("x-kubernetes-validations");
        JsonNode utilizationRules = spec.at("/properties/utilization/x-kubernetes-validations");

        assertThat(rules(specRules)).contains(
                "!has(self.minReplicas) || self.minReplicas <= self.maxReplicas",
                "!has(self.evaluationInterval) || duration(self.evaluationInterval) >= duration('1s')");
        assertThat(rules(utilizationRules)).singleElement().asString().contains("self.scaleDownBelowPercent < self.scaleUpAbovePercent");
        StreamSupport.stream(specRules.spliterator(), false).forEach(rule -> assertThat(rule.path("message").asText()).isNotBlank());
        assertThat(utilizationRules.path(0).path("message").asText()).contains("scaleDownBelowPercent must be lower than");
    }

    private static void collectUndocumented(JsonNode schema, String path, List<String> undocumented) {
        schema.path("properties").fields().forEachRemaining(entry -> {
            String child = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
            if (entry.getValue().path("description").asText().isBlank()) {
                undocumented.add(child);
            }
            collectUndocumented(entry.getValue(), child, undocumented);
        });
        if (schema.has("items")) {
            collectUndocumented(schema.get("items"), path + "[]", undocumented);
        }
        if (schema.path("additionalProperties").isObject()) {
            collectUndocumented(schema.get("additionalProperties"), path + ".*", undocumented);
        }
    }

    private static List<String> names(JsonNode columns) {
        return StreamSupport.stream(columns.spliterator(), false).map(column -> column.path("name").asText()).toList();
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static List<String> rules(JsonNode validations) {
        return StreamSupport.stream(validations.spliterator(), false).map(rule -> rule.path("rule").asText()).toList();
    }
}
