package dev.tokenscale.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import dev.tokenscale.testing.PomVersion;
import org.junit.jupiter.api.Test;

/**
 * The image's jar holds the operator and nothing of the demo's embedded API server; both jars say
 * the pom's version. RunCommandEndToEndIT runs the operator from this jar, which proves it needs
 * nothing that was left out.
 */
class RuntimeJarIT {

    /** Packages only the demo's embedded API server brings in. */
    private static final List<String> LEFT_OUT = List.of("io/fabric8/mockwebserver/", "io/fabric8/kubernetes/client/server/mock/",
            "io/vertx/", "io/netty/", "org/bouncycastle/", "dev/tokenscale/cli/demo/", "dev/tokenscale/cli/DemoCommand");

    @Test
    void theRuntimeJarHoldsNoMockServerVertxNettyBouncyCastleOrDemoClasses() throws IOException {
        List<String> runtime = entries(TokenscaleJar.runtimePath());
        List<String> cli = entries(TokenscaleJar.path());

        for (String prefix : LEFT_OUT) {
            assertThat(runtime).as("the runtime jar must not hold " + prefix).noneMatch(e -> e.startsWith(prefix));
            assertThat(cli).as("the CLI jar still holds " + prefix + " for the demo").anyMatch(e -> e.startsWith(prefix));
        }
        assertThat(runtime).contains("dev/tokenscale/cli/RunCommand.class", "dev/tokenscale/operator/TokenscaleOperator.class",
                "presets/vllm.properties", "io/javaoperatorsdk/operator/Operator.class");
        assertThat(Files.size(TokenscaleJar.runtimePath())).isLessThan(Files.size(TokenscaleJar.path()) * 3 / 4);
    }

    @Test
    void bothJarsPrintThePomsVersionAndOnlyTheCliJarOffersTheDemo() throws Exception {
        String version = PomVersion.read();

        assertThat(run(TokenscaleJar.path(), "--version")).isEqualTo("tokenscale " + version);
        assertThat(run(TokenscaleJar.runtimePath(), "--version")).isEqualTo("tokenscale " + version);
        assertThat(run(TokenscaleJar.path(), "--help")).contains("demo");
        assertThat(run(TokenscaleJar.runtimePath(), "--help")).contains("run", "explain").doesNotContain("demo");
    }

    private static String run(Path jar, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        Collections.addAll(command, args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out;
        try (InputStream in = process.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out.strip();
    }

    private static List<String> entries(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().map(ZipEntry::getName).toList();
        }
    }
}
