package dev.tokenscale.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScaleDownPlanTest {

    private static final PoolSettings.ScaleTarget DEPLOYMENT = new PoolSettings.ScaleTarget("apps/v1", "Deployment", "llama");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static TargetPod pod(String name, int minutesAfterT0) {
        return new TargetPod(name, true, T0.plusSeconds(60L * minutesAfterT0), false);
    }

    @Test
    void onlyTheIdlestPodIsAnnotatedWithTheLowestCostSoEveryOtherPodKeepsAHigherOne() {
        List<TargetPod> pods = List.of(pod("llama-a", 0), pod("llama-b", 1), pod("llama-c", 2), pod("llama-d", 3));

        ScaleDownPlan plan = ScaleDownPlan.of(DEPLOYMENT, true, pods,
                Map.of("llama-a", 7.0, "llama-b", 0.0, "llama-c", 3.0, "llama-d", 5.0), 4, 3);

        assertThat(plan.expectedToGo()).containsExactly("llama-b");
        assertThat(plan.deletionCosts()).containsExactly(Map.entry("llama-b", "-2147483648"));
        assertThat(Integer.parseInt(ScaleDownPlan.VICTIM_COST)).isEqualTo(Integer.MIN_VALUE);
        assertThat(plan.note()).isEqualTo("Expected to go, as the idlest: llama-b (0 running requests).");
    }

    @Test
    void aTieGoesToTheNewestPod() {
        List<TargetPod> pods = List.of(pod("llama-old", 0), pod("llama-new", 9), pod("llama-mid", 4));

        ScaleDownPlan plan = ScaleDownPlan.of(DEPLOYMENT, true, pods, Map.of("llama-old", 2.0, "llama-new", 2.0, "llama-mid", 2.0), 3, 1);

        assertThat(plan.expectedToGo()).containsExactly("llama-new", "llama-mid");
        assertThat(plan.deletionCosts()).containsOnlyKeys("llama-new", "llama-mid");
    }

    @Test
    void aPodWhoseLoadIsUnknownIsNeverTakenForIdleButAPodThatIsNotReadyGoesFirst() {
        TargetPod starting = new TargetPod("llama-starting", false, T0, false);
        List<TargetPod> pods = List.of(pod("llama-silent", 5), pod("llama-busy", 0), starting);

        ScaleDownPlan one = ScaleDownPlan.of(DEPLOYMENT, true, pods, Map.of("llama-busy", 12.0), 3, 2);
        ScaleDownPlan two = ScaleDownPlan.of(DEPLOYMENT, true, pods, Map.of("llama-busy", 12.0), 3, 1);

        assertThat(one.expectedToGo()).containsExactly("llama-starting");
        assertThat(two.expectedToGo()).containsExactly("llama-starting", "llama-busy");
        assertThat(two.note()).contains("llama-starting (not ready)", "llama-busy (12 running requests)");
    }

    @Test
    void aStatefulSetIsNeverAnnotatedAndTheEventNamesItsHighestOrdinals() {
        ScaleDownPlan plan = ScaleDownPlan.of(new PoolSettings.ScaleTarget("apps/v1", "StatefulSet", "sglang"), true,
                List.of(pod("sglang-0", 0), pod("sglang-1", 0), pod("sglang-2", 0), pod("sglang-3", 0)),
                Map.of("sglang-3", 9.0, "sglang-0", 0.0), 4, 2);

        assertThat(plan.deletionCosts()).isEmpty();
        assertThat(plan.expectedToGo()).containsExactly("sglang-3", "sglang-2");
        assertThat(plan.note()).contains("highest ordinals", "sglang-3, sglang-2");
    }

    @Test
    void aLeaderWorkerSetOrCustomKindDecidesForItself() {
        ScaleDownPlan plan = ScaleDownPlan.of(new PoolSettings.ScaleTarget("leaderworkerset.x-k8s.io/v1", "LeaderWorkerSet", "lws"),
                true, List.of(pod("lws-0", 0), pod("lws-1", 0)), Map.of("lws-1", 0.0), 2, 1);

        assertThat(plan.deletionCosts()).isEmpty();
        assertThat(plan.expectedToGo()).isEmpty();
        assertThat(plan.note()).contains("LeaderWorkerSet controller decides");
    }

    @Test
    void drainAwareOffAnnotatesNothing() {
        ScaleDownPlan plan = ScaleDownPlan.of(DEPLOYMENT, false, List.of(pod("llama-a", 0), pod("llama-b", 0)),
                Map.of("llama-a", 0.0), 2, 1);

        assertThat(plan.deletionCosts()).isEmpty();
        assertThat(plan.note()).contains("drainAware is false");
    }
}
