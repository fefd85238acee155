package dev.tokenscale.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenscale.policy.MissingReason;
import dev.tokenscale.policy.Signal;
import dev.tokenscale.policy.SignalReading;
import dev.tokenscale.testing.MutableClock;
import dev.tokenscale.testing.SilentServer;
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

    private static final Duration INTERVAL = Duration.ofSeconds(15);

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

    @Test
    void aPollNeverWaitsForABatchAndAHungPrometheusHoldsUpOnlyItsOwnGroup() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            PrometheusConnection hung = new PrometheusConnection(silent.url(), Duration.ofSeconds(2), PrometheusAuth.NONE, null, false);
            SignalRequest stuck = new SignalRequest("team-b/chat", hung, "vllm", Map.of(), Duration.ofMinutes(2),
                    List.of(LabelMatcher.equalTo("namespace", "team-b")), null, List.of("w-0"));
            SignalRequest healthy = request("vllm", List.of(LabelMatcher.equalTo("namespace", "team-a"),
                    LabelMatcher.matching("pod", RegexLiteral.alternation(List.of("w-0", "w-1")))));

            long started = System.nanoTime();
            SignalPoll first = reader.poll(stuck, INTERVAL);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("a poll of a hung group").isLessThan(Duration.ofSeconds(1));
            assertThat(first).isInstanceOfSatisfying(SignalPoll.Pending.class,
                    pending -> assertThat(pending.arrival().toCompletableFuture()).isNotDone());

            SignalReport own = new PrometheusSignalReader(clock).read(healthy);
            SignalPoll ready = await("the other group's batch landed").atMost(Duration.ofSeconds(10))
                    .until(() -> reader.poll(healthy, INTERVAL), SignalPoll.Ready.class::isInstance);
            for (Signal signal : Signal.values()) {
                assertThat(((SignalPoll.Ready) ready).report().snapshot().get(signal)).as(signal.key())
                        .isEqualTo(own.snapshot().get(signal));
            }
            assertThat(reader.poll(stuck, INTERVAL)).as("still hung").isInstanceOf(SignalPoll.Pending.class);

            // Longer than batches can take by the reader's clock (two of the group's 15 s interval, which is
            // longer than the connection's timeout, and a second): missing, never zero.
            clock.advance(Duration.ofSeconds(31).plusMillis(1));
            SignalPoll overdue = reader.poll(stuck, INTERVAL);
            assertThat(overdue).isInstanceOfSatisfying(SignalPoll.Ready.class, late -> {
                for (Signal signal : Signal.values()) {
                    assertThat(late.report().snapshot().get(signal)).isInstanceOfSatisfying(SignalReading.Missing.class, missing -> {
                        assertThat(missing.reason()).isEqualTo(MissingReason.ERROR);
                        assertThat(missing.detail()).isEqualTo("team-b/chat " + signal.key() + ": timeout: no batch answer from "
                                + hung.displayUrl() + " within 31000 ms");
                    });
                }
            });
        }
    }

    private static SignalRequest request(String preset, List<LabelMatcher> matchers) {
        return new SignalRequest("team-a/chat", NOBODY, preset, Map.of(), Duration.ofMinutes(2), matchers, null, List.of("w-0", "w-1"));
    }
}
