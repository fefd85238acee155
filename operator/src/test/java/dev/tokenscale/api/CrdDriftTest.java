package dev.tokenscale.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class CrdDriftTest {

    static final String REGENERATE = "mvn -B -q process-classes && cp operator/target/classes/META-INF/fabric8/"
            + GeneratedCrd.FILE_NAME + " crds/";

    @Test
    void checkedInCrdIsTheOneTheBuildGenerates() throws IOException {
        assertThat(GeneratedCrd.GENERATED).as("the build should have generated the CRD").exists();

        String generated = Files.readString(GeneratedCrd.GENERATED);
        String checkedIn = Files.readString(GeneratedCrd.CHECKED_IN);

        assertThat(checkedIn)
                .as("crds/%s differs from the CRD generated from dev.tokenscale.api. Regenerate it from the repository root with:%n  %s%n",
                        GeneratedCrd.FILE_NAME, REGENERATE)
                .isEqualTo(generated);
    }
}
