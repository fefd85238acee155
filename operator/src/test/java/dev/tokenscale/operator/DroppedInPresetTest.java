package dev.tokenscale.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenscale.api.InferencePoolSpec;
import dev.tokenscale.api.MetricsSpec;
import dev.tokenscale.policy.Signal;
import dev.tokenscale.policy.SignalReading;
import dev.tokenscale.signals.LabelMatcher;
import dev.tokenscale.signals.PrometheusConnection;
import dev.tokenscale.signals.PrometheusSignalReader;
import dev.tokenscale.signals.SignalReport;
import dev.tokenscale.signals.SignalRequest;
import dev.tokenscale.testing.FakePrometheusServer;
import dev.tokenscale.testing.FakePrometheusServer.Answer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A new engine is one file: {@code presets/fake-engine.properties} exists only under src/test/resources,
 * and no class names it, yet a pool may ask for it and is read with its queries.
 */
class DroppedInPresetTest {

    @Test
    void aPresetFileOnTheClasspathIsAcceptedByTheMappingAndServedByTheReader() {
        InferencePoolSpec spec = Specs.minimal();
        MetricsSpec metrics = new MetricsSpec();
        metrics.setPreset("fake-engine");
        spec.setMetrics(metrics);

        MetricsSettings settings = PoolSettingsMapping.map(spec).metrics();
        try (FakePrometheusServer prometheus = FakePrometheusServer.answering(
                query -> query.contains("fake:waiting") ? Answer.value(7) : Answer.value(1))) {
            SignalReport report = new PrometheusSignalReader(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)).read(new SignalRequest(
                    "team-a/fake", PrometheusConnection.plain(prometheus.url()), settings.presetName(), settings.customQueries(),
                    settings.window(), List.of(LabelMatcher.equalTo("namespace", "team-a"))));

            assertThat(settings.presetName()).isEqualTo("fake-engine");
            assertThat(report.queries().get(Signal.QUEUE_DEPTH)).isEqualTo("sum(fake:waiting{namespace=\"team-a\"})");
            assertThat(report.snapshot().get(Signal.QUEUE_DEPTH)).isEqualTo(SignalReading.present(7));
            assertThat(prometheus.received()).extracting(FakePrometheusServer.Received::query)
                    .hasSize(Signal.values().length)
                    .allMatch(query -> query.contains("fake:"));
        }
    }
}
