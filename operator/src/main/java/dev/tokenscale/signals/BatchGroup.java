package dev.tokenscale.signals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * When the pools of one {@link BatchKey} get a new batch, and which batch each read waits for. A read
 * takes the newest finished batch that covers its pool and is no older than the pool's own interval;
 * otherwise it joins the batch in flight if that covers the pool, or one that starts as soon as the
 * flight lands. The shared tick starts a batch once the newest is as old as the shortest interval of
 * the group's pools, so in steady state a group sends one batch per interval, started before the reads
 * that need it. A pool that stops reading (deleted, moved to another group) leaves after three of its
 * intervals.
 */
final class BatchGroup {

    /** Sends one batch for these namespaces and labels, observed at {@code at}. */
    @FunctionalInterface
    interface Runner {
        CompletableFuture<GroupAnswer> run(Set<String> namespaces, Set<String> labels, Instant at);
    }

    private record Member(PoolMembership membership, Duration maxAge, Instant lastRead) {}

    private final Runner runner;
    private final Clock clock;
    private final Duration timeout;
    private final Map<String, Member> members = new HashMap<>();
    private GroupAnswer latest;
    private CompletableFuture<GroupAnswer> inFlight;
    private Set<String> inFlightNamespaces = Set.of();
    private Set<String> inFlightLabels = Set.of();
    private CompletableFuture<GroupAnswer> queued;

    /** @param timeout the connection's query timeout, so a pool is not dropped while its batch is merely slow */
    BatchGroup(Runner runner, Clock clock, Duration timeout) {
        this.runner = runner;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** The batch this pool's read takes its signals from; registers the pool for the batches to come. */
    synchronized CompletableFuture<GroupAnswer> answerFor(String pool, PoolMembership membership, Duration maxAge) {
        Instant now = clock.instant();
        members.put(pool, new Member(membership, maxAge, now));
        if (latest != null && latest.covers(membership) && !now.isAfter(latest.observedAt().plus(maxAge))) {
            return CompletableFuture.completedFuture(latest);
        }
        if (inFlight == null) {
            return start(now);
        }
        if (inFlightNamespaces.contains(membership.namespace()) && inFlightLabels.containsAll(membership.labels())) {
            return inFlight;
        }
        if (queued == null) {
            queued = new CompletableFuture<>();
        }
        return queued;
    }

    /** The shared tick: drops pools that stopped reading, and starts the next batch when it is due. */
    synchronized void tick() {
        Instant now = clock.instant();
        members.values().removeIf(member -> now.isAfter(member.lastRead().plus(member.maxAge().multipliedBy(3)).plus(timeout)));
        if (members.isEmpty() || inFlight != null) {
            return;
        }
        Duration period = members.values().stream().map(Member::maxAge).min(Duration::compareTo).orElseThrow();
        if (latest == null || !now.isBefore(latest.observedAt().plus(period))) {
            start(now);
        }
    }

    /** Whether nothing reads from this group any more and nothing is in flight, so it may be dropped. */
    synchronized boolean abandoned() {
        return members.isEmpty() && inFlight == null && queued == null;
    }

    synchronized int pools() {
        return members.size();
    }

    private CompletableFuture<GroupAnswer> start(Instant now) {
        Set<String> namespaces = new TreeSet<>();
        Set<String> labels = new TreeSet<>();
        for (Member member : members.values()) {
            namespaces.add(member.membership().namespace());
            labels.addAll(member.membership().labels());
        }
        CompletableFuture<GroupAnswer> batch = runner.run(namespaces, labels, now);
        inFlight = batch;
        inFlightNamespaces = namespaces;
        inFlightLabels = labels;
        batch.whenComplete((answer, error) -> landed(batch, answer));
        return batch;
    }

    private synchronized void landed(CompletableFuture<GroupAnswer> batch, GroupAnswer answer) {
        if (answer != null && (latest == null || !answer.observedAt().isBefore(latest.observedAt()))) {
            latest = answer;
        }
        if (inFlight != batch) {
            return;
        }
        inFlight = null;
        if (queued != null) {
            CompletableFuture<GroupAnswer> waiting = queued;
            queued = null;
            start(clock.instant()).whenComplete((next, error) -> {
                if (error != null) {
                    waiting.completeExceptionally(error);
                } else {
                    waiting.complete(next);
                }
            });
        }
    }
}
