package dev.tokenscale.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenscale.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class BatchGroupTest {

    private static final Duration INTERVAL = Duration.ofSeconds(15);
    private static final Duration TICK = Duration.ofMillis(250);

    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private final List<CompletableFuture<GroupAnswer>> started = new ArrayList<>();
    private final List<Set<String>> namespacesAsked = new ArrayList<>();
    private final List<GroupAnswer> pending = new ArrayList<>();
    private final List<Duration> budgets = new ArrayList<>();
    private final BatchGroup group = new BatchGroup((namespaces, labels, at, budget) -> {
        budgets.add(budget);
        CompletableFuture<GroupAnswer> batch = new CompletableFuture<>();
        started.add(batch);
        namespacesAsked.add(namespaces);
        pending.add(new GroupAnswer(at, namespaces, labels, null, INTERVAL, Map.of(), null, null));
        return batch;
    }, clock, Duration.ofSeconds(5));

    @Test
    void poolsReuseABatchUntilItIsOlderThanTheirIntervalAndTheTickRenewsItOncePerInterval() {
        CompletableFuture<GroupAnswer> first = group.answerFor("a/one", pool("a"), INTERVAL);
        land(0);
        assertThat(first).isDone();

        clock.advance(Duration.ofSeconds(10));
        assertThat(group.answerFor("a/two", pool("a"), INTERVAL)).isCompletedWithValue(pending.get(0));
        group.tick();
        assertThat(started).hasSize(1);

        clock.advance(Duration.ofSeconds(5));
        group.tick();
        assertThat(started).hasSize(2);
        group.tick();
        assertThat(started).hasSize(2);
    }

    @Test
    void aReadOlderThanItsIntervalJoinsTheBatchInFlight() {
        group.answerFor("a/one", pool("a"), INTERVAL);
        land(0);
        clock.advance(INTERVAL.plusSeconds(1));
        group.tick();

        CompletableFuture<GroupAnswer> read = group.answerFor("a/one", pool("a"), INTERVAL);

        assertThat(started).hasSize(2);
        assertThat(read).isSameAs(started.get(1));
    }

    @Test
    void aPoolTheBatchInFlightDoesNotCoverGetsTheNextOneWithEveryPoolKnownByThen() {
        group.answerFor("a/one", pool("a"), INTERVAL);
        CompletableFuture<GroupAnswer> b = group.answerFor("b/one", pool("b"), INTERVAL);
        CompletableFuture<GroupAnswer> c = group.answerFor("c/one", pool("c"), INTERVAL);
        assertThat(started).hasSize(1);

        land(0);

        assertThat(started).hasSize(2);
        assertThat(namespacesAsked.get(1)).containsExactly("a", "b", "c");
        land(1);
        assertThat(b).isCompletedWithValue(pending.get(1));
        assertThat(c).isCompletedWithValue(pending.get(1));
    }

    @Test
    void aPoolThatStopsReadingLeavesAfterThreeIntervals() {
        group.answerFor("a/one", pool("a"), INTERVAL);
        land(0);
        clock.advance(INTERVAL.multipliedBy(3).plusSeconds(6));
        group.tick();

        assertThat(group.pools()).isZero();
        assertThat(group.abandoned()).isTrue();
        assertThat(started).hasSize(1);
    }

    @Test
    void aPollNeverWaitsItStartsTheBatchThePoolNeedsAndReadsItOnceItHasLanded() {
        BatchGroup.Polled first = group.poll("a/one", pool("a"), INTERVAL, TICK);

        assertThat(first.answer()).isNull();
        assertThat(started).hasSize(1);
        assertThat(group.poll("a/one", pool("a"), INTERVAL, TICK).answer()).as("still in flight").isNull();
        assertThat(started).as("one batch in flight is enough").hasSize(1);

        land(0);

        assertThat(group.poll("a/one", pool("a"), INTERVAL, TICK).answer()).isSameAs(pending.get(0));
    }

    @Test
    void aPollTakesTheNewestBatchNoOlderThanItsIntervalAndNeverAStaleOne() {
        group.poll("a/one", pool("a"), INTERVAL, TICK);
        land(0);
        clock.advance(INTERVAL);
        assertThat(group.poll("a/one", pool("a"), INTERVAL, TICK).answer()).as("exactly one interval old").isSameAs(pending.get(0));

        clock.advance(Duration.ofMillis(1));
        BatchGroup.Polled stale = group.poll("a/one", pool("a"), INTERVAL, TICK);

        assertThat(stale.answer()).isNull();
        assertThat(stale.waited()).isZero();
        assertThat(started).as("the stale read started the next batch itself").hasSize(2);
        clock.advance(Duration.ofSeconds(1));
        assertThat(group.poll("a/one", pool("a"), INTERVAL, TICK).waited()).isEqualTo(Duration.ofSeconds(1));
        land(1);
        BatchGroup.Polled fresh = group.poll("a/one", pool("a"), INTERVAL, TICK);
        assertThat(fresh.answer()).isSameAs(pending.get(1));
        assertThat(fresh.waited()).isZero();
    }

    @Test
    void aPoolTheBatchInFlightDoesNotCoverIsPolledIntoTheNextOneStartedAsTheFlightLands() {
        group.poll("a/one", pool("a"), INTERVAL, TICK);
        assertThat(group.poll("b/one", pool("b"), INTERVAL, TICK).answer()).isNull();
        assertThat(started).hasSize(1);

        land(0);

        assertThat(group.poll("b/one", pool("b"), INTERVAL, TICK).answer()).as("the landed batch does not cover b").isNull();
        assertThat(started).hasSize(2);
        assertThat(namespacesAsked.get(1)).containsExactly("a", "b");
        land(1);
        assertThat(group.poll("b/one", pool("b"), INTERVAL, TICK).answer()).isSameAs(pending.get(1));
        assertThat(group.poll("a/one", pool("a"), INTERVAL, TICK).answer()).isSameAs(pending.get(1));
    }

    @Test
    void theTickStartsTheNextBatchAsEarlyAsTheLastOneTookSoItLandsWhenTheNewestTurnsStale() {
        group.poll("a/one", pool("a"), INTERVAL, TICK);
        clock.advance(Duration.ofSeconds(1));
        land(0);
        assertThat(group.poll("a/one", pool("a"), INTERVAL, TICK).answer()).isSameAs(pending.get(0));

        clock.set(pending.get(0).observedAt().plus(INTERVAL).minus(Duration.ofMillis(1001)));
        group.tick();
        assertThat(started).hasSize(1);
        clock.advance(Duration.ofMillis(1));
        group.tick();
        assertThat(started).as("one second early: the last batch took one").hasSize(2);
        clock.advance(Duration.ofSeconds(1));
        land(1);
        assertThat(group.poll("a/one", pool("a"), INTERVAL, TICK).answer()).isSameAs(pending.get(1));
    }

    @Test
    void aPendingPoolHearsWhenTheNextBatchLandsAndPollsAgainAfterAQuarterOfItsIntervalAtTheLatest() {
        BatchGroup.Polled pending = group.poll("a/one", pool("a"), INTERVAL, TICK);
        assertThat(pending.retryAfter()).isEqualTo(INTERVAL.dividedBy(4));
        assertThat(pending.landing()).isNotDone();
        assertThat(group.poll("a/one", pool("a"), INTERVAL, TICK).landing()).isSameAs(pending.landing());

        land(0);

        assertThat(pending.landing()).isDone();
        clock.advance(Duration.ofSeconds(1));
        assertThat(group.poll("a/one", pool("a"), Duration.ofMillis(100), TICK).landing()).as("a fresh one for the next batch")
                .isNotDone().isNotSameAs(pending.landing());
        assertThat(group.poll("a/one", pool("a"), Duration.ofMillis(100), TICK).retryAfter()).as("never below a tick")
                .isEqualTo(TICK);
    }

    @Test
    void aBatchsQueriesMayTakeTheGroupsShortestIntervalWhenThatIsLongerThanTheConnectionsTimeout() {
        group.poll("a/one", pool("a"), INTERVAL, TICK);
        land(0);
        group.poll("a/fast", pool("a"), Duration.ofSeconds(2), TICK);
        clock.advance(Duration.ofSeconds(3));
        BatchGroup.Polled polled = group.poll("a/fast", pool("a"), Duration.ofSeconds(2), TICK);

        assertThat(budgets).containsExactly(INTERVAL, Duration.ofSeconds(5));
        assertThat(polled.longestWait()).as("the batch in flight, then its own").isEqualTo(Duration.ofSeconds(11));
    }

    @Test
    void aPoolThatComesBackTooLateForTheBatchThatCoveredItHasNotWaitedForIt() {
        group.poll("a/one", pool("a"), INTERVAL, TICK);
        clock.advance(Duration.ofSeconds(20));
        land(0);
        clock.advance(Duration.ofSeconds(20));

        BatchGroup.Polled late = group.poll("a/one", pool("a"), INTERVAL, TICK);

        assertThat(late.answer()).as("older than the interval").isNull();
        assertThat(late.waited()).as("a batch that covered it landed since it began waiting").isZero();
        clock.advance(Duration.ofSeconds(5));
        assertThat(group.poll("a/one", pool("a"), INTERVAL, TICK).waited()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void whenBatchesTakeLongerThanTheIntervalEachPoolReadsTheOneThatLandedForAnIntervalInsteadOfWaitingForever() {
        group.poll("a/one", pool("a"), INTERVAL, TICK);
        clock.advance(Duration.ofSeconds(20));
        land(0);

        BatchGroup.Polled slow = group.poll("a/one", pool("a"), INTERVAL, TICK);
        assertThat(slow.answer()).as("asked 20 s ago, landed now").isSameAs(pending.get(0));
        clock.advance(INTERVAL);
        assertThat(group.poll("a/one", pool("a"), INTERVAL, TICK).answer()).as("landed an interval ago").isSameAs(pending.get(0));
        clock.advance(Duration.ofMillis(1));
        assertThat(group.poll("a/one", pool("a"), INTERVAL, TICK).answer()).isNull();
    }

    private void land(int batch) {
        started.get(batch).complete(pending.get(batch));
    }

    private static PoolMembership pool(String namespace) {
        return PoolMembership.of(List.of(LabelMatcher.equalTo("namespace", namespace))).orElseThrow();
    }

}
