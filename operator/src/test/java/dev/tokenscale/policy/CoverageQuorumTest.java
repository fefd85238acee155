package dev.tokenscale.policy;

import static dev.tokenscale.policy.Pools.NOW;
import static dev.tokenscale.policy.Pools.healthy;
import static dev.tokenscale.policy.Pools.ready;
import static dev.tokenscale.policy.Pools.seed;
import static dev.tokenscale.policy.Pools.signals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoverageQuorumTest {

    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final List<String> FOUR = List.of("llama-0", "llama-1", "llama-2", "llama-3");
    private final CostAwarePolicy policy = new CostAwarePolicy();

    private static PodCoverage silent(String... pods) {
        Map<String, Instant> samples = new java.util.HashMap<>();
        FOUR.forEach(p -> samples.put(p, NOW.minusSeconds(1)));
        for (String pod : pods) {
            samples.remove(pod);
        }
        return PodCoverage.measure(FOUR, samples, NOW, Duration.ofMinutes(2));
    }

    @Test
    void aPodWithoutAFreshSampleIsSilentAndOneWithAnOldSampleToo() {
        PodCoverage coverage = PodCoverage.measure(FOUR,
                Map.of("llama-0", NOW, "llama-1", NOW.minusSeconds(120), "llama-2", NOW.minusSeconds(121), "stranger", NOW),
                NOW, Duration.ofMinutes(2));

        assertThat(coverage).isInstanceOfSatisfying(PodCoverage.Measured.class, m -> {
            assertThat(m.silentPods()).containsExactly("llama-2", "llama-3");
            assertThat(m.reportingPods()).isEqualTo(2);
            assertThat(m.percent()).isEqualTo(50.0);
        });
        assertThat(coverage.percentOrNull()).isEqualTo(50.0);
    }

    @Test
    void coverageOfAPoolWithoutReadyPodsIsNoPercentAtAll() {
        assertThat(PodCoverage.measure(List.of(), Map.of(), NOW, Duration.ofMinutes(1)).percentOrNull()).isNull();
        assertThat(PodCoverage.unknown("timeout").percentOrNull()).isNull();
        assertThat(PodCoverage.notMeasured("no preset series").percentOrNull()).isNull();
    }

    @Test
    void threeOfFourReportingIsBelowTheDefaultQuorumSoTheScaleDownIsHeldNamingTheSilentPod() {
        Decision decision = policy.decide(seed(), healthy(10.0).withCoverage(silent("llama-3")), ready(4), CLOCK);

        assertThat(decision.action()).isEqualTo(Action.NONE);
        assertThat(decision.reason()).isEqualTo(Reason.LOW_COVERAGE);
        assertThat(decision.message()).contains("3 of 4 ready pods", "75%", "quorum of 80%", "silent: llama-3");
    }

    @Test
    void aScaleUpIsStillAllowedBelowTheQuorumBecauseABreachSeenByAFewPodsIsABreach() {
        Decision decision = policy.decide(seed(), signals(900.0, 30.0, 50.0, 0.0).withCoverage(silent("llama-2", "llama-3")),
                ready(4), CLOCK);

        assertThat(decision.action()).isEqualTo(Action.SCALE_UP);
        assertThat(decision.reason()).isEqualTo(Reason.SLO_VIOLATION);
    }

    @Test
    void aQuorumThatIsMetLetsTheScaleDownThrough() {
        Decision atQuorum = policy.decide(seed().withMinCoveragePercent(75), healthy(10.0).withCoverage(silent("llama-3")),
                ready(4), CLOCK);
        Decision everyone = policy.decide(seed(), healthy(10.0).withCoverage(silent()), ready(4), CLOCK);

        assertThat(atQuorum.action()).isEqualTo(Action.SCALE_DOWN);
        assertThat(everyone.action()).isEqualTo(Action.SCALE_DOWN);
        assertThat(everyone.checks()).filteredOn(c -> c.rule().equals("low_coverage")).singleElement()
                .satisfies(c -> assertThat(c.finding()).contains("coverage 100% (4 of 4 ready pods report), quorum 80%"));
    }

    @Test
    void aCoverageThatCouldNotBeMeasuredHoldsTheScaleDownButNotTheScaleUp() {
        Decision down = policy.decide(seed(), healthy(10.0).withCoverage(PodCoverage.unknown("timeout: no answer")), ready(4), CLOCK);
        Decision up = policy.decide(seed(), healthy(95.0).withCoverage(PodCoverage.unknown("timeout: no answer")), ready(4), CLOCK);

        assertThat(down.reason()).isEqualTo(Reason.LOW_COVERAGE);
        assertThat(down.message()).contains("could not be measured (timeout: no answer)");
        assertThat(up.action()).isEqualTo(Action.SCALE_UP);
    }

    @Test
    void withoutAMeasurementNoQuorumApplies() {
        Decision decision = policy.decide(seed(), healthy(10.0), ready(4), CLOCK);

        assertThat(decision.action()).isEqualTo(Action.SCALE_DOWN);
    }

    @Test
    void anOutOfBoundsCorrectionIsNotHeldByLowCoverage() {
        Decision decision = policy.decide(seed(), healthy(50.0).withCoverage(silent("llama-0", "llama-1", "llama-2")), ready(12), CLOCK);

        assertThat(decision.reason()).isEqualTo(Reason.OUT_OF_BOUNDS);
        assertThat(decision.to()).isEqualTo(10);
    }

    @Test
    void theAdaptivePolicyHoldsItsScaleDownBelowTheQuorumToo() {
        PolicySettings adaptive = PolicySettings.seedDefaults(1, 20, 8, 2.0).withPolicy(StepPolicy.ADAPTIVE,
                PolicySettings.UNLIMITED, PolicySettings.UNLIMITED, new AdaptiveSettings(null, Duration.ofSeconds(15)));
        SignalSnapshot quiet = SignalSnapshot.builder().observedAt(NOW)
                .present(Signal.TTFT_P99_MS, 300).present(Signal.TPOT_P99_MS, 30).present(Signal.UTILIZATION_PERCENT, 28)
                .present(Signal.QUEUE_DEPTH, 0).present(Signal.REQUEST_RATE, 56).build();
        LearnedState capacity = new LearnedState(20.0, 10, java.util.Collections.nCopies(10, 20.0), NOW.minusSeconds(600));
        AdaptiveMemory memory = new AdaptiveMemory(capacity, DesiredWindow.EMPTY, 10, NOW.minusSeconds(600), true, RecentDemand.EMPTY, null)
                .withWindow(DesiredWindow.EMPTY.record(NOW.minusSeconds(400), 10, Duration.ofSeconds(300)));
        ScalingState steady = new ScalingState(10, 10, null, null);

        Decision everyone = policy.evaluate(adaptive, quiet, steady, memory, CLOCK).decision();
        Decision partial = policy.evaluate(adaptive, quiet.withCoverage(new PodCoverage.Measured(10, List.of("p-7", "p-8", "p-9"))),
                steady, memory, CLOCK).decision();

        assertThat(everyone.action()).isEqualTo(Action.SCALE_DOWN);
        assertThat(partial.action()).isEqualTo(Action.NONE);
        assertThat(partial.reason()).isEqualTo(Reason.LOW_COVERAGE);
        assertThat(partial.message()).contains("7 of 10 ready pods", "silent: p-7, p-8, p-9");
    }

    @Test
    void aQuorumOutsideZeroToHundredIsRefused() {
        assertThatThrownBy(() -> seed().withMinCoveragePercent(101)).hasMessageContaining("minCoveragePercent");
    }
}
