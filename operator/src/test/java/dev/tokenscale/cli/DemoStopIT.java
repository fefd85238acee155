package dev.tokenscale.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C on the demo, as a user presses it: the JVM's shutdown hooks run (the SIGTERM sent here
 * takes the same path as the SIGINT of Ctrl-C, which a process started in the background may
 * ignore), and the demo says
 * "stopped" with no exception, whether it was playing the day or still starting its parts.
 */
class DemoStopIT {

    @TempDir
    Path dir;

    @Test
    void stoppingDuringTheDaySaysStoppedAndPrintsNoException() throws Exception {
        Demo demo = Demo.start(dir);
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> demo.output().contains("decision (reason)"));
            await().atMost(Duration.ofSeconds(30)).until(() -> demo.output().lines().count() > 6);
        } finally {
            demo.stop();
        }

        assertThat(demo.output()).contains("tokenscale demo: stopped at ").contains("into the day; everything it started is shut down.");
        assertQuiet(demo.output());
    }

    @Test
    void stoppingWhileThePartsStartPrintsNoException() throws Exception {
        Demo demo = Demo.start(dir);
        try {
            // Long enough for the JVM to be inside the demo's startup, short of the first evaluation.
            assertThat(demo.process.waitFor(2500, TimeUnit.MILLISECONDS)).as(demo.output()).isFalse();
        } finally {
            demo.stop();
        }

        assertQuiet(demo.output());
        if (!demo.output().isBlank()) {
            assertThat(demo.output()).contains("tokenscale demo: stopped");
        }
    }

    private static void assertQuiet(String output) {
        assertThat(output).doesNotContain("Exception", "\tat ", "Shutdown in progress", "ERROR");
    }

    private static final class Demo {
        private final Process process;
        private final StringBuffer output = new StringBuffer();
        private final Thread reader;

        private Demo(Process process) {
            this.process = process;
            this.reader = new Thread(() -> {
                try (InputStream in = process.getInputStream()) {
                    byte[] buffer = new byte[4096];
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        output.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    output.append("reading the demo failed: ").append(e);
                }
            }, "demo-output");
            reader.start();
        }

        static Demo start(Path out) throws IOException {
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", TokenscaleJar.path().toString(), "demo", "--minutes", "2", "--metrics", "direct",
                    "--out", out.toString());
            return new Demo(new ProcessBuilder(command).redirectErrorStream(true).start());
        }

        String output() {
            return output.toString();
        }

        void stop() throws InterruptedException, IOException {
            // Process.destroy() would close our end of its output; kill sends the signal and nothing else.
            new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            reader.join(TimeUnit.SECONDS.toMillis(10));
        }
    }
}
