package dev.tokenscale.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorProcessTest {

    @TempDir
    Path target;

    @Test
    void aBenchRunFromTheCliJarRunsTheOperatorFromTheImagesJarBesideIt() throws IOException {
        Path cli = Files.createFile(target.resolve("tokenscale.jar"));
        Path runtime = Files.createFile(target.resolve("tokenscale-runtime.jar"));

        assertThat(OperatorProcess.operatorClassPath(cli.toString())).isEqualTo(runtime.toString());
    }

    @Test
    void withoutTheImagesJarTheOperatorRunsFromTheCliJar() throws IOException {
        Path cli = Files.createFile(target.resolve("tokenscale.jar"));

        assertThat(OperatorProcess.operatorClassPath(cli.toString())).isEqualTo(cli.toString());
    }

    @Test
    void aClassPathOfSeveralEntriesIsKeptAsItIs() throws IOException {
        Files.createFile(target.resolve("tokenscale-runtime.jar"));
        String classPath = target.resolve("classes") + File.pathSeparator + target.resolve("tokenscale.jar");

        assertThat(OperatorProcess.operatorClassPath(classPath)).isEqualTo(classPath);
    }
}
