package dev.tokenscale.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every expected grant here was worked out by hand; the working is in the comments. */
class BudgetAllocatorTest {

    private final BudgetAllocator allocator = new BudgetAllocator();

    @Test
    void whenEveryWantFitsEveryPoolGetsWhatItWants() {
        // wants: 6 x $10 + 4 x $5 = $80 <= $80
        BudgetRound round = allocator.allocate(dollars(80), List.of(
                claim("chat", Priority.REALTIME, 0, 10, 4, 6, 10),
                claim("nightly", Priority.BATCH, 1, 10, 2, 4, 5)));

        assertThat(granted(round)).isEqualTo(Map.of("chat", 6, "nightly", 4));
        assertThat(round.spentPerHour()).isCloseTo(80, within(1e-9));
        assertThat(round.overCommitted()).isFalse();
        assertThat(round.cappedPools()).isZero();
        assertThat(round.preemptions()).isEmpty();
    }

    @Test
    void aSqueezeGrantsRealtimeBeforeInteractiveAndReportsTheShortfall() {
        // floors: chat 4 x $10 + assistant 3 x $10 = $70; $20 left of $90
        // chat (realtime) takes +2 = $90; assistant (interactive) gets nothing more: short 2 replicas, $20/h
        BudgetRound round = allocator.allocate(dollars(90), List.of(
                claim("assistant", Priority.INTERACTIVE, 1, 10, 3, 5, 10),
                claim("chat", Priority.REALTIME, 1, 10, 4, 6, 10)));

        assertThat(granted(round)).isEqualTo(Map.of("chat", 6, "assistant", 3));
        assertThat(round.shortfall()).containsExactly(new BudgetRound.Shortfall("assistant", 2, 20));
        assertThat(round.overCommitted()).isTrue();
        assertThat(round.grantOf("assistant").capped()).isTrue();
        assertThat(round.grantOf("assistant").why()).contains("Capped at 3 of 5");
    }

    @Test
    void withinAClassTheCheaperIncrementGoesFirstAndACheaperOneStillFitsAfterACap() {
        // floors 2 x $8 + 2 x $12 + 1 x $3 = $43 of $60: $17 left
        // cheap ($8) +1 = $51, +1 = $59; dear ($12) does not fit in $1; tiny ($3) does not either
        // limit $62: cheap 2 -> 4 ($59), dear capped, tiny +1 = $62
        BudgetRound round = allocator.allocate(dollars(62), List.of(
                claim("dear", Priority.INTERACTIVE, 1, 10, 2, 4, 12),
                claim("cheap", Priority.INTERACTIVE, 1, 10, 2, 4, 8),
                claim("tiny", Priority.INTERACTIVE, 1, 10, 1, 2, 3)));

        assertThat(granted(round)).isEqualTo(Map.of("cheap", 4, "dear", 2, "tiny", 2));
        assertThat(round.spentPerHour()).isCloseTo(62, within(1e-9));
    }

    @Test
    void preemptionTakesFromBackgroundBeforeBatchAndNeverBelowMinReplicas() {
        // floors: chat 4 x $10 + nightly 3 x $5 + indexer 2 x $5 = $65 = the limit; chat wants +2 ($20)
        // indexer (background) 2 -> 1 ($60), still no room for $10; 1 -> 0 ($55): chat 5 ($65)
        // indexer at its min 0; nightly (batch) 3 -> 2 ($60), 2 -> 1 ($55): chat 6 ($65); nightly at its min 1
        BudgetRound round = allocator.allocate(dollars(65), List.of(
                claim("chat", Priority.REALTIME, 1, 10, 4, 6, 10),
                claim("nightly", Priority.BATCH, 1, 10, 3, 3, 5),
                claim("indexer", Priority.BACKGROUND, 0, 10, 2, 2, 5)));

        assertThat(granted(round)).isEqualTo(Map.of("chat", 6, "nightly", 1, "indexer", 0));
        assertThat(round.preemptions()).containsExactly(
                new BudgetRound.Preemption("indexer", "chat", 2),
                new BudgetRound.Preemption("nightly", "chat", 2));
        assertThat(round.grantOf("nightly").preempted()).isTrue();
        assertThat(round.grantOf("nightly").preemptedFor()).containsExactly("chat");
        assertThat(round.grantOf("nightly").why()).contains("Preempted").contains("chat");
        assertThat(round.spentPerHour()).isCloseTo(65, within(1e-9));
        assertThat(round.overCommitted()).isFalse();
    }

    @Test
    void preemptionStopsOnceTheNonPreemptablePoolFits() {
        // floors: chat 4 x $10 + nightly 5 x $5 = $65 = the limit; chat wants +1
        // nightly 5 -> 4 ($60), 4 -> 3 ($55): chat 5 ($65); nightly keeps 3, above its min 1
        BudgetRound round = allocator.allocate(dollars(65), List.of(
                claim("chat", Priority.REALTIME, 1, 10, 4, 5, 10),
                claim("nightly", Priority.BATCH, 1, 10, 5, 5, 5)));

        assertThat(granted(round)).isEqualTo(Map.of("chat", 5, "nightly", 3));
        assertThat(round.preemptions()).containsExactly(new BudgetRound.Preemption("nightly", "chat", 2));
    }

    @Test
    void aPreemptablePoolStaysAtMinReplicasWhileANonPreemptablePoolIsShort() {
        // floors: chat 8 x $10 + nightly 2 x $5 = $90 of $95; chat wants 12 (+$40)
        // chat 9 ($100 > 95)? no: nightly 2 -> 1 ($85), chat 9 ($95); nightly at min, chat short 3
        // nightly wanted 6 but gets nothing back while chat is short
        BudgetRound round = allocator.allocate(dollars(95), List.of(
                claim("chat", Priority.REALTIME, 1, 12, 8, 12, 10),
                claim("nightly", Priority.BATCH, 1, 10, 2, 6, 5)));

        assertThat(granted(round)).isEqualTo(Map.of("chat", 9, "nightly", 1));
        assertThat(round.shortfall()).containsExactly(new BudgetRound.Shortfall("chat", 3, 30));
    }

    @Test
    void preemptableIncrementsComeLastBatchBeforeBackground() {
        // floors: chat 2 x $10 + nightly 1 x $5 + indexer 1 x $5 = $30 of $45; chat wants 3 (+$10 = $40)
        // then batch: nightly +1 = $45; indexer (background) capped
        BudgetRound round = allocator.allocate(dollars(45), List.of(
                claim("indexer", Priority.BACKGROUND, 0, 10, 1, 3, 5),
                claim("nightly", Priority.BATCH, 0, 10, 1, 3, 5),
                claim("chat", Priority.REALTIME, 1, 10, 2, 3, 10)));

        assertThat(granted(round)).isEqualTo(Map.of("chat", 3, "nightly", 2, "indexer", 1));
        assertThat(round.preemptions()).isEmpty();
        assertThat(round.overCommitted()).isFalse();
    }

    @Test
    void aBreachGoesFirstWithinItsClassButNeverAheadOfAHigherClass() {
        // floors: calm 2 x $10 + hot 2 x $20 + helpdesk 2 x $5 = $70 of $100
        // realtime first, breach first: hot +1 = $90; then calm +1 = $100; calm +1 ($110) no;
        // helpdesk (interactive, in breach too) +1 ($105) no. Short: helpdesk 2, then calm 1 (lowest class first)
        BudgetRound round = allocator.allocate(dollars(100), List.of(
                claim("calm", Priority.REALTIME, 1, 10, 2, 4, 10),
                breached(claim("helpdesk", Priority.INTERACTIVE, 1, 10, 2, 4, 5)),
                breached(claim("hot", Priority.REALTIME, 1, 10, 2, 3, 20))));

        assertThat(granted(round)).isEqualTo(Map.of("hot", 3, "calm", 3, "helpdesk", 2));
        assertThat(round.shortfall()).containsExactly(
                new BudgetRound.Shortfall("helpdesk", 2, 10),
                new BudgetRound.Shortfall("calm", 1, 10));
    }

    @Test
    void aBudgetBelowTheSumOfMinReplicasLetsMinReplicasWinAndSaysSo() {
        // mins: chat 3 x $10 + nightly 2 x $5 = $40 > $30; nobody goes below min
        BudgetRound round = allocator.allocate(dollars(30), List.of(
                claim("chat", Priority.REALTIME, 3, 10, 3, 3, 10),
                claim("nightly", Priority.BATCH, 2, 10, 2, 2, 5)));

        assertThat(granted(round)).isEqualTo(Map.of("chat", 3, "nightly", 2));
        assertThat(round.belowMinimums()).isTrue();
        assertThat(round.overLimit()).isTrue();
        assertThat(round.overCommitted()).isTrue();
        assertThat(round.message()).contains("minReplicas alone exceed the budget of $30.00/h").contains("minReplicas win");
    }

    @Test
    void aLoweredLimitScalesPreemptablePoolsDownButNotOnesWithMissingSignalsNorNonPreemptableOnes() {
        // floors: chat 4 x $10 + nightly 4 x $5 + blind 4 x $5 = $80 against a limit lowered to $60
        // nightly (every signal) 4 -> 1 = $65; blind (a signal missing) is held; chat is non-preemptable
        BudgetRound round = allocator.allocate(dollars(60), List.of(
                claim("chat", Priority.REALTIME, 1, 10, 4, 4, 10),
                claim("nightly", Priority.BATCH, 1, 10, 4, 4, 5),
                blind(claim("blind", Priority.BATCH, 1, 10, 4, 4, 5))));

        assertThat(granted(round)).isEqualTo(Map.of("chat", 4, "nightly", 1, "blind", 4));
        assertThat(round.grantOf("nightly").trimmedToLimit()).isTrue();
        assertThat(round.preemptions()).containsExactly(new BudgetRound.Preemption("nightly", null, 3));
        assertThat(round.overLimit()).isTrue();
        assertThat(round.spentPerHour()).isCloseTo(65, within(1e-9));
    }

    @Test
    void aPoolWithMissingSignalsIsNeverScaledDownByTheBudgetYetMayBePreemptedForAnother() {
        // blind realtime holds 5, wants 5 (the policy never scales down blind); limit $60, floors 5 x $10 + 2 x $5 = $60
        // chat (interactive) wants +1: the blind batch pool 2 -> 0 frees $10: chat 2
        BudgetRound round = allocator.allocate(dollars(60), List.of(
                blind(claim("realtime-blind", Priority.REALTIME, 1, 10, 5, 5, 10)),
                claim("chat", Priority.INTERACTIVE, 0, 10, 0, 1, 10),
                blind(claim("batch-blind", Priority.BATCH, 0, 10, 2, 2, 5))));

        assertThat(granted(round)).isEqualTo(Map.of("realtime-blind", 5, "chat", 1, "batch-blind", 0));
        assertThat(round.grantOf("batch-blind").preemptedFor()).containsExactly("chat");
    }

    @Test
    void theGpuLimitCountsGpusNotMoney() {
        // 16 GPUs: chat 1 x 8 + nightly 1 x 8 = 16; chat wants 2: nightly 1 -> 0 frees 8 GPUs
        BudgetRound round = allocator.allocate(new BudgetLimit(null, 16), List.of(
                new BudgetClaim("chat", Priority.REALTIME, 1, 4, 1, 2, 16.8, 8, true, false),
                new BudgetClaim("nightly", Priority.BATCH, 0, 4, 1, 1, 16.8, 8, false, false)));

        assertThat(granted(round)).isEqualTo(Map.of("chat", 2, "nightly", 0));
        assertThat(round.gpus()).isEqualTo(16);
    }

    @Test
    void aPoolThatWantsLessThanItHoldsIsGrantedLessEvenInASqueeze() {
        // chat scales itself down 6 -> 5; nightly wants 4; floors 5 x $10 + 2 x $5 = $60 of $65: nightly +1
        BudgetRound round = allocator.allocate(dollars(65), List.of(
                claim("chat", Priority.REALTIME, 1, 10, 6, 5, 10),
                claim("nightly", Priority.BATCH, 1, 10, 2, 4, 5)));

        assertThat(granted(round)).isEqualTo(Map.of("chat", 5, "nightly", 3));
    }

    @Test
    void overlappingBudgetsRefuseThePoolNamingBoth() {
        LabelSelection team = new LabelSelection(Map.of("team", "search"), List.of());
        LabelSelection gpus = new LabelSelection(Map.of(), List.of(
                new LabelSelection.Expression("gpu", LabelSelection.Operator.IN, Set.of("h100", "a100"))));
        List<BudgetMembership.Selectors> budgets = List.of(
                new BudgetMembership.Selectors("team-search", team, LabelSelection.EVERYTHING),
                new BudgetMembership.Selectors("h100-fleet", LabelSelection.EVERYTHING, gpus));

        BudgetMembership both = BudgetMembership.of(budgets, Map.of("team", "search"), Map.of("gpu", "h100"));
        BudgetMembership one = BudgetMembership.of(budgets, Map.of("team", "ads"), Map.of("gpu", "h100"));
        BudgetMembership none = BudgetMembership.of(budgets, Map.of("team", "ads"), Map.of("gpu", "l4"));

        assertThat(both.conflict()).isTrue();
        assertThat(both.budget()).isEmpty();
        assertThat(both.describeConflict()).isEqualTo(
                "selected by budgets h100-fleet and team-search; a pool may belong to one budget only");
        assertThat(one.budget()).contains("h100-fleet");
        assertThat(none.budget()).isEmpty();
        assertThat(none.conflict()).isFalse();
    }

    @Test
    void aDeletedBudgetReleasesItsPoolsAtTheNextRound() {
        // with the budget: floors 4 x $10 + 2 x $5 = $50 = limit; chat wants +1 -> nightly 2 -> 0 frees $10 -> chat 5
        BudgetLedger ledger = new BudgetLedger();
        BudgetLimit limit = dollars(50);
        ledger.submit("team", limit, claim("nightly", Priority.BATCH, 0, 10, 2, 2, 5), List.of());
        BudgetRound squeezed = ledger.submit("team", limit, claim("chat", Priority.REALTIME, 1, 10, 4, 5, 10), List.of());
        assertThat(granted(squeezed)).isEqualTo(Map.of("chat", 5, "nightly", 0));

        // the budget is deleted: each pool matches no budget any more and withdraws; nothing is left to squeeze
        ledger.withdraw("chat");
        ledger.withdraw("nightly");

        assertThat(ledger.budgetOf("chat")).isEmpty();
        assertThat(ledger.claimsOf("team")).isEmpty();
    }

    @Test
    void theLedgerRunsTheRoundOverEveryPoolsLatestClaimAndAPreemptionUpdatesTheVictim() {
        BudgetLedger ledger = new BudgetLedger();
        BudgetLimit limit = dollars(50);
        BudgetClaim nightlyAtStart = claim("nightly", Priority.BATCH, 0, 10, 2, 2, 5);
        // chat reports first; nightly has not reported yet but is counted from what it holds
        BudgetRound first = ledger.submit("team", limit, claim("chat", Priority.REALTIME, 1, 10, 4, 5, 10), List.of(nightlyAtStart));
        assertThat(granted(first)).isEqualTo(Map.of("chat", 5, "nightly", 0));

        ledger.replicasChanged("nightly", 0);
        // nightly's own evaluation now wants 3 again: chat holds 5 ($50), nothing is left
        BudgetRound second = ledger.submit("team", limit, claim("nightly", Priority.BATCH, 0, 10, 0, 3, 5), List.of());

        assertThat(granted(second)).isEqualTo(Map.of("chat", 5, "nightly", 0));
        assertThat(second.grantOf("nightly").capped()).isTrue();
        assertThat(second.grantOf("nightly").preempted()).isFalse();
    }

    @Test
    void aBeneficiaryTakesOnlyWhatTheVictimHasAlreadyGivenBack() {
        // round: nightly 5 -> 3 for chat 4 -> 5 (see preemptionStopsOnceTheNonPreemptablePoolFits)
        BudgetRound round = allocator.allocate(dollars(65), List.of(
                claim("chat", Priority.REALTIME, 1, 10, 4, 5, 10),
                claim("nightly", Priority.BATCH, 1, 10, 5, 5, 5)));
        // nightly still holds 5 ($25): chat may not go past 4 ($40) yet; nightly's own share is its grant
        assertThat(round.applicable("chat")).isEqualTo(4);
        assertThat(round.applicable("nightly")).isEqualTo(3);

        // once nightly holds 3 ($15), chat's 5th replica ($50) fits: $65
        BudgetRound next = allocator.allocate(dollars(65), List.of(
                claim("chat", Priority.REALTIME, 1, 10, 4, 5, 10),
                claim("nightly", Priority.BATCH, 1, 10, 3, 5, 5)));
        assertThat(next.applicable("chat")).isEqualTo(5);
    }

    @Test
    void aPoolNamedTwiceInOneRoundIsRefused() {
        assertThatThrownBy(() -> allocator.allocate(dollars(10), List.of(
                claim("chat", Priority.REALTIME, 0, 1, 0, 0, 1), claim("chat", Priority.BATCH, 0, 1, 0, 0, 1))))
                .hasMessageContaining("chat");
    }

    @Test
    void aBudgetNeedsALimitAndNoNegativeOne() {
        assertThatThrownBy(() -> new BudgetLimit(null, null)).hasMessageContaining("maxHourlyCost, maxGPUs");
        assertThatThrownBy(() -> new BudgetLimit(-1.0, null)).hasMessageContaining("maxHourlyCost");
        assertThatThrownBy(() -> new BudgetLimit(null, -1)).hasMessageContaining("maxGPUs");
    }

    private static BudgetLimit dollars(double perHour) {
        return new BudgetLimit(perHour, null);
    }

    private static BudgetClaim claim(String pool, Priority priority, int min, int max, int replicas, int wanted, double replicaCost) {
        return new BudgetClaim(pool, priority, min, max, replicas, wanted, replicaCost, 1, false, false);
    }

    private static BudgetClaim breached(BudgetClaim c) {
        return new BudgetClaim(c.pool(), c.priority(), c.minReplicas(), c.maxReplicas(), c.replicas(), c.wanted(),
                c.replicaHourlyCost(), c.gpusPerReplica(), true, c.signalsMissing());
    }

    private static BudgetClaim blind(BudgetClaim c) {
        return new BudgetClaim(c.pool(), c.priority(), c.minReplicas(), c.maxReplicas(), c.replicas(), c.wanted(),
                c.replicaHourlyCost(), c.gpusPerReplica(), c.sloBreached(), true);
    }

    private static Map<String, Integer> granted(BudgetRound round) {
        return round.grants().stream().collect(java.util.stream.Collectors.toMap(PoolGrant::pool, PoolGrant::granted));
    }
}
