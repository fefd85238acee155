package dev.tokenscale.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar tokenscale.jar emulate} as a user runs it. */
class EmulateCommandIT {

    private static final Pattern WORKER = Pattern.compile("\\s+worker-\\d+ (http://127\\.0\\.0\\.1:\\d+/metrics)");
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void printsTheUrlsItServesWithSglangNamesAndClosesThemOnSigterm(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("prometheus.yml");
        Process emulate = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", TokenscaleJar.path().toString(), "emulate",
                "--replicas", "2", "--rps", "30", "--engine", "sglang", "--prometheus-config", config.toString())
                .redirectErrorStream(true)
                .start();
        try {
            List<URI> urls = new ArrayList<>();
            BufferedReader out = new BufferedReader(new InputStreamReader(emulate.getInputStream(), StandardCharsets.UTF_8));
            for (String line = out.readLine(); line != null && !line.startsWith("Press Ctrl-C"); line = out.readLine()) {
                Matcher matcher = WORKER.matcher(line);
                if (matcher.matches()) {
                    urls.add(URI.create(matcher.group(1)));
                }
            }

            assertThat(urls).hasSize(2).doesNotHaveDuplicates();
            for (URI url : urls) {
                HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(metrics.statusCode()).isEqualTo(200);
                assertThat(metrics.body()).contains("sglang:time_to_first_token_seconds_bucket{le=\"0.1\",model_name=");
            }
            assertThat(Files.readString(config)).contains("127.0.0.1:" + urls.get(0).getPort(), "namespace: \"default\"");

            emulate.destroy();
            assertThat(emulate.waitFor(10, TimeUnit.SECONDS)).isTrue();
            for (URI url : urls) {
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThatThrownBy(
                        () -> http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.discarding()))
                        .isInstanceOf(ConnectException.class));
            }
        } finally {
            emulate.destroyForcibly();
        }
    }
}
