package dev.tokenscale.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.tokenscale.api.InferencePool;
import dev.tokenscale.api.PoolMode;
import dev.tokenscale.operator.PoolSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PoolFileTest {

    /** The shipped example, found from the module directory Maven runs tests in. */
    static final Path EXAMPLE = Path.of("..", "deploy", "examples", "inferencepool.yaml");

    static final String VALID = """
            apiVersion: tokenscale.dev/v1alpha1
            kind: InferencePool
            metadata:
              name: small
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: small-vllm}
              minReplicas: 1
              maxReplicas: 3
              cost: {gpuHourlyCost: 1.5}
            """;

    @TempDir
    Path dir;

    @Test
    void loadsTheShippedExampleIntoSettings() {
        PoolSettings settings = PoolFile.loadSettings(EXAMPLE);

        assertThat(settings.target().name()).isEqualTo("llama-3-1-70b-vllm");
        assertThat(settings.policy().gpusPerReplica()).isEqualTo(8);
        assertThat(settings.policy().gpuHourlyCost()).as("$2.00 a GPU-hour plus the 5 percent overhead").isEqualTo(2.00 * 1.05);
        assertThat(settings.policy().minReplicas()).isEqualTo(2);
        assertThat(settings.policy().usesQueue()).isTrue();
        assertThat(settings.mode()).isEqualTo(PoolMode.AUTO);
        assertThat(settings.cost().hourly(1)).isEqualTo(16.8);
    }

    @Test
    void loadsAMinimalPoolWithItsMetadata() throws IOException {
        InferencePool pool = PoolFile.load(write(VALID));

        assertThat(pool.getMetadata().getName()).isEqualTo("small");
        assertThat(pool.getSpec().getMaxReplicas()).isEqualTo(3);
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                arguments("invalid YAML", "spec: [unclosed\n  maxReplicas: 3", "not valid syntax at line"),
                arguments("an empty file", "", "is empty; expected an InferencePool manifest"),
                arguments("a list instead of a manifest", "- a\n- b\n", "expected an InferencePool manifest (a YAML mapping), got a array"),
                arguments("the wrong kind", VALID.replace("kind: InferencePool", "kind: Deployment"), "kind: expected InferencePool, got 'Deployment'"),
                arguments("the Gateway API's InferencePool", VALID.replace("tokenscale.dev/v1alpha1", "inference.networking.x-k8s.io/v1alpha2"),
                        "apiVersion: expected tokenscale.dev/v1alpha1, got 'inference.networking.x-k8s.io/v1alpha2' (that is the Gateway API Inference Extension's"),
                arguments("an unknown policy", VALID + "  scaling: {policy: Exponential}\n", "spec.scaling.policy: unknown value 'Exponential'; expected one of Step, Proportional"),
                arguments("an unknown mode", VALID + "  mode: auto\n", "spec.mode: unknown value 'auto'; expected one of Auto, Recommend"),
                arguments("text for a number", VALID.replace("maxReplicas: 3", "maxReplicas: three"), "spec.maxReplicas: expected a whole number, got 'three'"),
                arguments("a fraction of a replica", VALID.replace("maxReplicas: 3", "maxReplicas: 2.5"), "spec.maxReplicas: expected a whole number, got '2.5'"),
                arguments("a quoted number", VALID.replace("maxReplicas: 3", "maxReplicas: \"3\""), "spec.maxReplicas: expected a whole number, got '3'"),
                arguments("a misspelled field", VALID.replace("minReplicas: 1", "minReplica: 1"), "spec.minReplica: unknown field"),
                arguments("a scalar for an object", VALID + "  slo: fast\n", "spec.slo: expected a mapping of fields"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void rejectsABadFileInOneLineNamingFileAndField(String scenario, String content, String problem) throws IOException {
        Path file = write(content);

        assertThatThrownBy(() -> PoolFile.load(file))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file + ": " + problem)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void rejectsAnUnknownPresetNamingFileAndField() throws IOException {
        Path file = write(VALID + "  metrics: {preset: tgi}\n");

        assertThatThrownBy(() -> PoolFile.loadSettings(file))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file + ": spec.metrics.preset: 'tgi' is not a known preset; known: custom, ")
                .hasMessageEndingWith("sglang, vllm");
    }

    @Test
    void rejectsAFileThatCannotBeRead() {
        Path missing = dir.resolve("absent.yaml");

        assertThatThrownBy(() -> PoolFile.load(missing))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(missing + ": cannot read the pool file");
    }

    @Test
    void namesTheFileAndFieldOfASpecThatBreaksARule() throws IOException {
        Path file = write(VALID.replace("minReplicas: 1", "minReplicas: 5"));

        assertThatThrownBy(() -> PoolFile.loadSettings(file))
                .isInstanceOf(BadInputException.class)
                .hasMessage(file + ": spec.minReplicas: 5 is greater than spec.maxReplicas 3");
    }

    private Path write(String content) throws IOException {
        Path file = dir.resolve("pool.yaml");
        Files.writeString(file, content);
        return file;
    }
}
