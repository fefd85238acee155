package dev.tokenscale.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenscale.testing.PomVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The pom's version is the one source: the image the Deployment runs and the docs' build commands follow it. */
class ImageTagTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern TAG = Pattern.compile("tokenscale/operator:([A-Za-z0-9._-]+)");

    @Test
    void theDeploymentTheReadmeAndTheDockerfileTagTheImageWithThePomsVersion() throws IOException {
        String version = PomVersion.read();
        assertThat(version).doesNotContain("SNAPSHOT");
        for (Path file : List.of(ROOT.resolve("deploy/deployment.yaml"), ROOT.resolve("README.md"), ROOT.resolve("operator/Dockerfile"))) {
            Matcher m = TAG.matcher(Files.readString(file));
            int tags = 0;
            while (m.find()) {
                assertThat(m.group(1)).as(file + " tags the image").isEqualTo(version);
                tags++;
            }
            assertThat(tags).as(file + " names the image").isPositive();
        }
    }

    @Test
    void theDockerfileShipsTheRuntimeJarWithoutTheDemo() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("operator/Dockerfile"));

        assertThat(dockerfile).contains("COPY --chown=0:0 --chmod=0444 target/tokenscale-runtime.jar ")
                .doesNotContain("target/tokenscale.jar");
    }
}
