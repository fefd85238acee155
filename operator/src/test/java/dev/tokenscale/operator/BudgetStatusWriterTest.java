package dev.tokenscale.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenscale.api.InferenceBudget;
import dev.tokenscale.api.InferenceBudgetSpec;
import dev.tokenscale.api.InferenceBudgetStatus;
import dev.tokenscale.api.InferencePool;
import dev.tokenscale.policy.BudgetLimit;
import dev.tokenscale.policy.BudgetRound;
import dev.tokenscale.policy.PoolGrant;
import dev.tokenscale.policy.Priority;
import dev.tokenscale.testing.MockCluster;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The status is composed over the informer's copy of the budget, which can lag the operator's own writes. */
class BudgetStatusWriterTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:10:00Z");
    private static final BudgetRound ROUND = new BudgetRound(new BudgetLimit(100.0, null),
            List.of(new PoolGrant("llm/chat", Priority.REALTIME, 1, 3, 3, 3, 10, 1, List.of(), false, "granted")),
            30, 3, false, false, List.of(), List.of(), "within the limit");

    @Test
    void aStaleCopyWithoutThePreemptionTimeKeepsTheTimeTheOperatorApplied() {
        InferenceBudget stale = budget(null);

        InferenceBudgetStatus status = BudgetStatusWriter.compose(stale, ROUND, Instant.parse("2026-01-01T00:05:00Z"), NOW);

        assertThat(status.getLastPreemptionTime()).isEqualTo("2026-01-01T00:05:00Z");
    }

    @Test
    void aLaterTimeInStatusThanTheOperatorKnowsIsKept() {
        // Another operator replica (before a leader change) preempted later than this one remembers.
        InferenceBudgetStatus status = BudgetStatusWriter.compose(budget("2026-01-01T00:07:00Z"), ROUND,
                Instant.parse("2026-01-01T00:05:00Z"), NOW);

        assertThat(status.getLastPreemptionTime()).isEqualTo("2026-01-01T00:07:00Z");
    }

    @Test
    void withNoPreemptionKnownTheTimeInStatusStandsEvenIfItDoesNotParse() {
        assertThat(BudgetStatusWriter.compose(budget("yesterday"), ROUND, null, NOW).getLastPreemptionTime())
                .isEqualTo("yesterday");
        assertThat(BudgetStatusWriter.compose(budget("yesterday"), ROUND, Instant.parse("2026-01-01T00:05:00Z"), NOW)
                .getLastPreemptionTime()).isEqualTo("2026-01-01T00:05:00Z");
    }

    @Test
    void theCoordinatorKeepsThePreemptionTimeWhenItsCopyOfTheBudgetHasNotSeenItYet() {
        try (MockCluster cluster = new MockCluster()) {
            InferenceBudget created = budget(null);
            created.getMetadata().setUid(null);
            created.setSpec(new InferenceBudgetSpec());
            created = cluster.client().resource(created).create();
            InferenceBudget stale = created;
            // The informer's copy stays the one from before any status write, as when its watch lags.
            BudgetCoordinator coordinator = new BudgetCoordinator(() -> List.of(stale),
                    new BudgetStatusWriter(cluster.client()));
            InferencePool nightly = new InferencePool();
            nightly.setMetadata(new ObjectMetaBuilder().withNamespace("llm").withName("nightly").build());
            BudgetShare share = new BudgetShare("team", null, ROUND, ROUND.grants().get(0), null);

            coordinator.applied(nightly, share, 2, true, Instant.parse("2026-01-01T00:05:00Z"));
            coordinator.applied(nightly, share, 2, false, NOW);

            InferenceBudgetStatus written = cluster.client().resources(InferenceBudget.class).withName("team").get().getStatus();
            assertThat(written.getLastPreemptionTime()).isEqualTo("2026-01-01T00:05:00Z");
        }
    }

    private static InferenceBudget budget(String lastPreemptionTime) {
        InferenceBudget budget = new InferenceBudget();
        budget.setMetadata(new ObjectMetaBuilder().withName("team").withUid("u1").withGeneration(1L).build());
        if (lastPreemptionTime != null) {
            InferenceBudgetStatus status = new InferenceBudgetStatus();
            status.setLastPreemptionTime(lastPreemptionTime);
            budget.setStatus(status);
        }
        return budget;
    }
}
