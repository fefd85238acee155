package dev.tokenscale.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CrdDriftTest {

    static final String REGENERATE = "mvn -B -q process-classes && cp operator/target/classes/META-INF/fabric8/"
            + "*.tokenscale.dev-v1.yml crds/";

    @ParameterizedTest(name = "crds/{0} is the one the build generates")
    @ValueSource(strings = {GeneratedCrd.FILE_NAME, GeneratedCrd.BUDGET_FILE_NAME})
    void checkedInCrdIsTheOneTheBuildGenerates(String fileName) throws IOException {
        Path generatedFile = Path.of("target", "classes", "META-INF", "fabric8", fileName);
        assertThat(generatedFile).as("the build should have generated the CRD").exists();

        String generated = Files.readString(generatedFile);
        String checkedIn = Files.readString(Path.of("..", "crds", fileName));

        assertThat(checkedIn)
                .as("crds/%s differs from the CRD generated from dev.tokenscale.api. Regenerate it from the repository root with:%n  %s%n",
                        fileName, REGENERATE)
                .isEqualTo(generated);
    }
}
