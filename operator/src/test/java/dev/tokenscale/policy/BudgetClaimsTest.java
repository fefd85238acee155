package dev.tokenscale.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A pool's claim from its own evaluation, and its decision once the budget has spoken. */
class BudgetClaimsTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:10:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private final PolicySettings settings = PolicySettings.seedDefaults(1, 6, 8, 2.0);
    private final CostAwarePolicy policy = new CostAwarePolicy();

    @Test
    void preemptionScalesTheVictimDownThroughItsScaleDownCooldown() {
        // nightly scaled down a minute ago: its own policy holds on the 5m cooldown at low utilization
        ScalingState nightlyState = new ScalingState(3, 3, null, NOW.minus(Duration.ofMinutes(1)));
        SignalSnapshot idleish = healthy(100, 20, 10);
        Decision own = policy.decide(settings, idleish, nightlyState, CLOCK);
        assertThat(own.reason()).isEqualTo(Reason.COOLDOWN);

        BudgetClaim nightly = BudgetClaims.of("nightly", Priority.BATCH, settings, 16.8, nightlyState, idleish, own);
        BudgetClaim chat = new BudgetClaim("chat", Priority.REALTIME, 1, 6, 2, 3, 16.8, 8, true, false);
        // $84 = 5 replicas: floors 2 + 3 = 5, chat wants one more: nightly 3 -> 2
        BudgetRound round = new BudgetAllocator().allocate(new BudgetLimit(84.0, null), List.of(nightly, chat));

        Decision constrained = BudgetClaims.constrain(own, round, "nightly", "team", 8, 2.0);

        assertThat(constrained.action()).isEqualTo(Action.SCALE_DOWN);
        assertThat(constrained.reason()).isEqualTo(Reason.PREEMPTED);
        assertThat(constrained.to()).isEqualTo(2);
        assertThat(constrained.estimatedSavingsPerHour()).isEqualTo(16.0);
        assertThat(constrained.message()).contains("Budget team").contains("chat");
    }

    @Test
    void aClaimIsBreachedByALatencyOverItsSloAndBlindWhenAConfiguredSignalIsMissing() {
        ScalingState state = ScalingState.steady(2);
        SignalSnapshot slow = healthy(900, 30, 50);
        SignalSnapshot blind = SignalSnapshot.builder().present(Signal.TTFT_P99_MS, 100).present(Signal.TPOT_P99_MS, 20)
                .missing(Signal.UTILIZATION_PERCENT, MissingReason.ERROR, "down").observedAt(NOW).build();

        BudgetClaim breached = BudgetClaims.of("p", Priority.REALTIME, settings, 16.8, state, slow, policy.decide(settings, slow, state, CLOCK));
        BudgetClaim missing = BudgetClaims.of("p", Priority.REALTIME, settings, 16.8, state, blind, policy.decide(settings, blind, state, CLOCK));

        assertThat(breached.sloBreached()).isTrue();
        assertThat(breached.signalsMissing()).isFalse();
        assertThat(breached.wanted()).isEqualTo(3);
        assertThat(missing.sloBreached()).isFalse();
        assertThat(missing.signalsMissing()).isTrue();
        assertThat(missing.floor()).isEqualTo(2);
    }

    @Test
    void aDecisionTheBudgetAllowsIsLeftAsThePolicyMadeIt() {
        ScalingState state = ScalingState.steady(2);
        SignalSnapshot slow = healthy(900, 30, 50);
        Decision own = policy.decide(settings, slow, state, CLOCK);
        BudgetClaim claim = BudgetClaims.of("p", Priority.REALTIME, settings, 16.8, state, slow, own);
        BudgetRound round = new BudgetAllocator().allocate(new BudgetLimit(1000.0, null), List.of(claim));

        assertThat(BudgetClaims.constrain(own, round, "p", "team", 8, 2.0)).isSameAs(own);
    }

    private static SignalSnapshot healthy(double ttft, double tpot, double utilization) {
        return SignalSnapshot.builder().present(Signal.TTFT_P99_MS, ttft).present(Signal.TPOT_P99_MS, tpot)
                .present(Signal.UTILIZATION_PERCENT, utilization).observedAt(NOW).build();
    }
}
