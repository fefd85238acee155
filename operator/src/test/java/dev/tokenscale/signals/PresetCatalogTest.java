package dev.tokenscale.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenscale.policy.Signal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PresetCatalogTest {

    private final PresetCatalog catalog = new PresetCatalog();

    @ParameterizedTest
    @ValueSource(strings = {"vllm", "sglang"})
    void everyBundledPresetHasAValidTemplateForEverySignalAndAnIdleCheckForEachLatency(String name) {
        Preset preset = catalog.resolve(name, Map.of());

        for (Signal signal : Signal.values()) {
            String promql = new QueryTemplate(preset.query(signal).orElseThrow()).render("namespace=\"n\"", Duration.ofMinutes(2));
            assertThat(promql).as(signal.key()).contains("namespace=\"n\"").doesNotContain("{{");
            assertThat(preset.requestRateQuery(signal).isPresent()).as(signal.key()).isEqualTo(signal.isLatency());
        }
        preset.requestRateQueries().values().forEach(QueryTemplate::new);
        assertThat(PerPodQuery.render(preset.runningRequests().orElseThrow(),
                List.of(LabelMatcher.equalTo("namespace", "n")), Duration.ofMinutes(2)))
                .as("the per-pod running-requests series").contains(name + ":num_", "{namespace=\"n\"}").doesNotContain("{{");
    }

    @Test
    void customTakesItsRunningRequestsTemplateFromThePool() {
        Preset custom = catalog.resolve("custom", Map.of(), "tgi_running{{{matchers}}}");

        assertThat(custom.runningRequests()).contains("tgi_running{{{matchers}}}");
        assertThat(catalog.resolve("custom", Map.of()).runningRequests()).isEmpty();
    }

    @Test
    void theVllmPresetUsesTheIssuesQuantileFormConvertedToMilliseconds() {
        String ttft = new QueryTemplate(catalog.resolve("vllm", Map.of()).query(Signal.TTFT_P99_MS).orElseThrow())
                .render("namespace=\"n\"", Duration.ofMinutes(2));

        assertThat(ttft).isEqualTo("histogram_quantile(0.99, sum by (le) (rate(vllm:time_to_first_token_seconds_bucket"
                + "{namespace=\"n\"}[2m]))) * 1000");
    }

    @Test
    void customTakesThePoolsOwnTemplatesAndNothingElse() {
        Preset custom = catalog.resolve("custom", Map.of(Signal.QUEUE_DEPTH, "sum(q{{{matchers}}})"));

        assertThat(custom.query(Signal.QUEUE_DEPTH)).contains("sum(q{{{matchers}}})");
        assertThat(custom.query(Signal.TTFT_P99_MS)).isEmpty();
        assertThat(custom.requestRateQueries()).isEmpty();
    }

    @Test
    void anUnknownPresetNamesTheFileItLookedFor() {
        assertThatThrownBy(() -> catalog.resolve("tgi", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown preset 'tgi'")
                .hasMessageContaining("presets/tgi.properties");
        assertThatThrownBy(() -> catalog.resolve("../etc/passwd", Map.of()))
                .hasMessageContaining("invalid preset name");
    }

    @Test
    void aNewEngineIsOneFileAndAnUnknownKeyInItNamesTheFileAndTheKey(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("presets"));
        Files.writeString(dir.resolve("presets/tgi.properties"), "queueDepth=sum(tgi_queue_size{{{matchers}}})\n");
        Files.writeString(dir.resolve("presets/typo.properties"), "queuedepth=sum(x{{{matchers}}})\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            PresetCatalog withExtraFiles = new PresetCatalog(loader);

            assertThat(withExtraFiles.resolve("tgi", Map.of()).query(Signal.QUEUE_DEPTH)).contains("sum(tgi_queue_size{{{matchers}}})");
            assertThatThrownBy(() -> withExtraFiles.resolve("typo", Map.of()))
                    .hasMessageContaining("presets/typo.properties")
                    .hasMessageContaining("unknown key 'queuedepth'");
        }
    }

    @Test
    void knowsTheShippedPresetsTheTestClasspathsOwnFileAndCustom() {
        assertThat(catalog.names()).containsExactly("custom", "fake-engine", "sglang", "vllm");
        assertThat(catalog.names()).allMatch(catalog::isKnown);
        assertThat(catalog.isKnown("tgi")).isFalse();
        assertThat(catalog.isKnown("../presets/vllm")).isFalse();
        assertThat(catalog.isKnown(null)).isFalse();
    }

    @Test
    void findsThePresetFilesOfAJarAsTheShippedOperatorHasThem(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("engines.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("presets/"));
            entry(out, "presets/tgi.properties", "queueDepth=sum(tgi_queue_size{{{matchers}}})\n");
            entry(out, "presets/README.txt", "not a preset\n");
            entry(out, "presets/old/vllm.properties", "queueDepth=sum(x{{{matchers}}})\n");
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            PresetCatalog fromJar = new PresetCatalog(loader);

            assertThat(fromJar.names()).containsExactly("custom", "tgi");
            assertThat(fromJar.isKnown("tgi")).isTrue();
            assertThat(fromJar.resolve("tgi", Map.of()).query(Signal.QUEUE_DEPTH)).contains("sum(tgi_queue_size{{{matchers}}})");
            assertThatThrownBy(() -> fromJar.resolve("vllm", Map.of())).hasMessageContaining("known: custom, tgi");
        }
    }

    private static void entry(JarOutputStream jar, String name, String content) throws IOException {
        jar.putNextEntry(new JarEntry(name));
        jar.write(content.getBytes(StandardCharsets.UTF_8));
        jar.closeEntry();
    }
}
