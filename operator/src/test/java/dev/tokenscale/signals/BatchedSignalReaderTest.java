package dev.tokenscale.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenscale.policy.Signal;
import dev.tokenscale.testing.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class BatchedSignalReaderTest {

    /** Nothing listens on the discard port of the loopback address: every query fails at once. */
    private static final PrometheusConnection NOBODY = PrometheusConnection.plain(URI.create("http://127.0.0.1:9"))
            .withTimeout(Duration.ofSeconds(2));

    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private final List<String> modes = new CopyOnWriteArrayList<>();
    private final BatchedSignalReader reader = new BatchedSignalReader(clock, new PresetCatalog(),
            PrometheusSignalReader.DEFAULT_MAX_RESPONSE_BYTES, (mode, preset, query) -> modes.add(mode));

    @Test
    void aBatchThatCannotReachPrometheusGivesEachPoolTheReadingsItsOwnQueriesWouldHave() {
        SignalRequest request = request("vllm", List.of(LabelMatcher.equalTo("namespace", "team-a"),
                LabelMatcher.matching("pod", RegexLiteral.alternation(List.of("w-0", "w-1")))));

        SignalReport batched = reader.read(request, Duration.ofSeconds(15));
        SignalReport own = new PrometheusSignalReader(clock).read(request);

        assertThat(modes).isNotEmpty().containsOnly("batch");
        for (Signal signal : Signal.values()) {
            assertThat(batched.snapshot().get(signal)).as(signal.key()).isEqualTo(own.snapshot().get(signal));
        }
        assertThat(batched.snapshot().coverage()).isEqualTo(own.snapshot().coverage());
        assertThat(batched.queries()).isEqualTo(own.queries());
    }

    @Test
    void customQueriesAreSentForEachPoolOnTheirOwn() {
        SignalRequest request = new SignalRequest("team-a/chat", NOBODY, "custom",
                Map.of(Signal.QUEUE_DEPTH, "sum(q{{{matchers}}})"), Duration.ofMinutes(2),
                List.of(LabelMatcher.equalTo("namespace", "team-a")), null, null);

        reader.read(request, Duration.ofSeconds(15));

        assertThat(modes).containsExactly("pool");
        assertThat(reader.batchedPools()).isZero();
    }

    @Test
    void aSelectionTheBatchCannotSplitByIsReadOnItsOwn() {
        reader.read(request("vllm", List.of(LabelMatcher.equalTo("namespace", "team-a"), LabelMatcher.matching("pod", "w-.*"))),
                Duration.ofSeconds(15));

        assertThat(modes).isNotEmpty().containsOnly("pool");
    }

    private static SignalRequest request(String preset, List<LabelMatcher> matchers) {
        return new SignalRequest("team-a/chat", NOBODY, preset, Map.of(), Duration.ofMinutes(2), matchers, null, List.of("w-0", "w-1"));
    }
}
