package dev.tokenscale.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar tokenscale.jar emulate} as a user runs it. */
class EmulateCommandIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void printsTheUrlsItServesWithSglangNamesAndClosesThemOnSigterm(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("prometheus.yml");
        try (EmulateProcess emulate = EmulateProcess.start("--replicas", "2", "--rps", "30", "--engine", "sglang",
                "--prometheus-config", config.toString())) {
            List<URI> urls = emulate.urls();

            assertThat(urls).hasSize(2).doesNotHaveDuplicates();
            assertThat(emulate.expected()).containsEntry("ttftP99Ms", 600.0).containsEntry("utilizationPercent", 75.0)
                    .containsEntry("tokensPerSecond", 6000.0);
            for (URI url : urls) {
                HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(metrics.statusCode()).isEqualTo(200);
                assertThat(metrics.body()).contains("sglang:time_to_first_token_seconds_bucket{le=\"0.1\",model_name=");
            }
            assertThat(Files.readString(config)).contains("127.0.0.1:" + urls.get(0).getPort(), "namespace: \"default\"");

            assertThat(emulate.stop()).isTrue();
            for (URI url : urls) {
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThatThrownBy(
                        () -> http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.discarding()))
                        .isInstanceOf(ConnectException.class));
            }
        }
    }
}
