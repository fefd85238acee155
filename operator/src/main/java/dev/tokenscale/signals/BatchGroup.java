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
 * When the pools of one {@link BatchKey} get a new batch, and which batch each read takes. The
 * operator's evaluations {@link #poll} and never wait: a pool takes the newest finished batch that
 * covers it and is no older than its own interval (or, when batches take longer than that, landed
 * no longer than an interval ago), or, when there is none, is told when the batch
 * that will cover it lands (a pool the batch in flight does not cover gets the next
 * one, started as the flight lands). The shared tick starts a batch once the newest is as old as the
 * shortest interval of the group's pools, less the time the last batch took, so in steady state a
 * group sends one batch per interval and it lands about when the previous one turns stale. Tools
 * that read one pool and want its answer ({@link #answerFor}) wait on a future instead. A pool that
 * stops reading (deleted, moved to another group) leaves after three of its intervals.
 */
final class BatchGroup {

    /** Sends one batch for these namespaces and labels, observed at {@code at}, each query given {@code budget}. */
    @FunctionalInterface
    interface Runner {
        CompletableFuture<GroupAnswer> run(Set<String> namespaces, Set<String> labels, Instant at, Duration budget);
    }

    /**
     * @param waitingSince when the pool first found no fresh batch to read, null while it has one:
     *     how long its evaluations have gone without signals
     */
    private record Member(PoolMembership membership, Duration maxAge, Instant lastRead, Instant waitingSince) {}

    /**
     * What a poll found.
     *
     * @param answer the batch to read the pool's signals from; null when none is fresh yet
     * @param waited how long the pool has gone without a fresh batch (zero with an answer)
     * @param longestWait how long a batch may keep a pool waiting: the one in flight and then its own
     * @param landing completes when the next batch lands (null with an answer)
     * @param retryAfter when to poll again should word of the landing never come
     */
    record Polled(GroupAnswer answer, Duration waited, Duration longestWait, CompletableFuture<Void> landing, Duration retryAfter) {}

    private final Runner runner;
    private final Clock clock;
    private final Duration timeout;
    private final Map<String, Member> members = new HashMap<>();
    private GroupAnswer latest;
    private CompletableFuture<GroupAnswer> inFlight;
    private Set<String> inFlightNamespaces = Set.of();
    private Set<String> inFlightLabels = Set.of();
    private CompletableFuture<GroupAnswer> queued;
    /** A poll found the batch in flight does not cover its pool: start the next one as it lands. */
    private boolean wanted;
    /** How long the latest batch took from asking to landing, by the clock: how early the next one starts. */
    private Duration lastTook = Duration.ZERO;
    /** When the latest batch landed, by the clock. */
    private Instant latestLanded = Instant.MIN;
    /**
     * The shortest interval of the members, kept as they come and recomputed by the tick as they
     * leave: a poll must not walk every member under the lock (3,000 pending pools did at warm-up).
     */
    private Duration shortest;
    /** Completed by the next batch to land, for the pools that wait for it; then replaced. */
    private CompletableFuture<Void> nextLanding = new CompletableFuture<>();

    /** @param timeout the connection's query timeout, so a pool is not dropped while its batch is merely slow */
    BatchGroup(Runner runner, Clock clock, Duration timeout) {
        this.runner = runner;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** The batch this pool's read takes its signals from; registers the pool for the batches to come. */
    synchronized CompletableFuture<GroupAnswer> answerFor(String pool, PoolMembership membership, Duration maxAge) {
        Instant now = clock.instant();
        Member before = members.get(pool);
        members.put(pool, new Member(membership, maxAge, now, before == null ? null : before.waitingSince()));
        joined(maxAge);
        if (latest != null && latest.covers(membership) && fresh(now, maxAge)) {
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

    /**
     * The batch this pool's evaluation reads now, if a fresh one covers it; never waits. Otherwise
     * makes sure one that covers it is coming: started at once when none is in flight, or right after
     * the one in flight, which does not know the pool, lands. Registers the pool for the batches to come.
     *
     * @param retryFloor the least time to come back after, the shared tick's period
     */
    synchronized Polled poll(String pool, PoolMembership membership, Duration maxAge, Duration retryFloor) {
        Instant now = clock.instant();
        Member before = members.get(pool);
        joined(maxAge);
        if (latest != null && latest.covers(membership) && fresh(now, maxAge)) {
            members.put(pool, new Member(membership, maxAge, now, null));
            return new Polled(latest, Duration.ZERO, Duration.ZERO, null, Duration.ZERO);
        }
        // Waiting counts from the last batch that covered the pool: a pool that came back too late for
        // one (its evaluations queued behind slow API writes) has not gone without answers, and must
        // not be marked missing for it, which would only add writes.
        Instant waitingSince = before == null || before.waitingSince() == null
                || latest != null && latest.covers(membership) && latestLanded.isAfter(before.waitingSince())
                ? now : before.waitingSince();
        members.put(pool, new Member(membership, maxAge, now, waitingSince));
        if (inFlight == null) {
            start(now);
            if (latest != null && latest.covers(membership) && fresh(now, maxAge)) {
                // Landed as it started: a batch that could not be sent at all (bad connection settings).
                members.put(pool, new Member(membership, maxAge, now, null));
                return new Polled(latest, Duration.ZERO, Duration.ZERO, null, Duration.ZERO);
            }
        } else if (!(inFlightNamespaces.contains(membership.namespace()) && inFlightLabels.containsAll(membership.labels()))) {
            wanted = true;
        }
        // Polled again when the batch lands; the time is a backstop only, a quarter of the interval,
        // so that thousands of waiting pools never poll in a loop.
        Duration backstop = maxAge.dividedBy(4);
        return new Polled(null, Duration.between(waitingSince, now), budget().multipliedBy(2).plusSeconds(1), nextLanding,
                backstop.compareTo(retryFloor) < 0 ? retryFloor : backstop);
    }

    /** The shared tick: drops pools that stopped reading, and starts the next batch when it is due. */
    synchronized void tick() {
        Instant now = clock.instant();
        members.values().removeIf(member -> now.isAfter(member.lastRead().plus(member.maxAge().multipliedBy(3)).plus(timeout)));
        shortest = members.values().stream().map(Member::maxAge).min(Duration::compareTo).orElse(null);
        if (members.isEmpty() || inFlight != null) {
            return;
        }
        Duration period = shortest;
        // Started as early as the last batch took, so it lands about when the newest turns stale; at
        // most a tenth of the period early, so a slow Prometheus is not asked more often for it.
        Duration lead = lastTook.compareTo(period.dividedBy(10)) > 0 ? period.dividedBy(10) : lastTook;
        if (latest == null || !now.isBefore(latest.observedAt().plus(period).minus(lead))) {
            start(now);
        }
    }

    /** Whether nothing reads from this group any more and nothing is in flight, so it may be dropped. */
    synchronized boolean abandoned() {
        return members.isEmpty() && inFlight == null && queued == null && !wanted;
    }

    synchronized int pools() {
        return members.size();
    }

    /**
     * How long a batch's queries may take: the connection's timeout, or the shortest interval of the
     * group's pools if that is longer. A batch answers for every pool of the group, and no evaluation
     * waits for it, so it may take as long as its answer stays fresh: at 3,000 pools a Prometheus on
     * a busy machine took longer than the 5 s a single pool's query is given, and every batch failed.
     */
    private Duration budget() {
        return shortest != null && shortest.compareTo(timeout) > 0 ? shortest : timeout;
    }

    /**
     * Whether the newest batch may be read by a pool with this interval: asked at most an interval
     * ago; or, for a batch that took longer than the interval to land (a Prometheus slower than the
     * interval, where no answer is ever that fresh), landed at most an interval ago. Without the
     * second, every batch would land stale and the pools waiting for it would never be evaluated.
     */
    private boolean fresh(Instant now, Duration maxAge) {
        Instant askedLimit = latest.observedAt().plus(maxAge);
        return !now.isAfter(askedLimit) || latestLanded.isAfter(askedLimit) && !now.isAfter(latestLanded.plus(maxAge));
    }

    private void joined(Duration maxAge) {
        if (shortest == null || maxAge.compareTo(shortest) < 0) {
            shortest = maxAge;
        }
    }

    private CompletableFuture<GroupAnswer> start(Instant now) {
        wanted = false;
        Set<String> namespaces = new TreeSet<>();
        Set<String> labels = new TreeSet<>();
        for (Member member : members.values()) {
            namespaces.add(member.membership().namespace());
            labels.addAll(member.membership().labels());
        }
        CompletableFuture<GroupAnswer> batch = runner.run(namespaces, labels, now, budget());
        inFlight = batch;
        inFlightNamespaces = namespaces;
        inFlightLabels = labels;
        batch.whenComplete((answer, error) -> landed(batch, answer));
        return batch;
    }

    private void landed(CompletableFuture<GroupAnswer> batch, GroupAnswer answer) {
        CompletableFuture<Void> landing;
        synchronized (this) {
            landing = nextLanding;
            nextLanding = new CompletableFuture<>();
            settle(batch, answer);
        }
        // Outside the lock: the waiting pools' evaluations are triggered from here, and may poll at once.
        landing.complete(null);
    }

    private void settle(CompletableFuture<GroupAnswer> batch, GroupAnswer answer) {
        if (answer != null && (latest == null || !answer.observedAt().isBefore(latest.observedAt()))) {
            latest = answer;
            latestLanded = clock.instant();
            Duration took = Duration.between(answer.observedAt(), latestLanded);
            lastTook = took.isNegative() ? Duration.ZERO : took;
        }
        if (inFlight != batch) {
            return;
        }
        inFlight = null;
        if (queued == null && wanted) {
            start(clock.instant());
        } else if (queued != null) {
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
