package dev.tokenscale.operator;

import dev.tokenscale.api.InferencePool;
import dev.tokenscale.api.InferencePoolStatus;
import dev.tokenscale.api.PoolMode;
import dev.tokenscale.policy.Action;
import dev.tokenscale.policy.AdaptiveMemory;
import dev.tokenscale.policy.LearnedState;
import dev.tokenscale.policy.PolicyOutcome;
import dev.tokenscale.policy.CostAwarePolicy;
import dev.tokenscale.policy.Decision;
import dev.tokenscale.policy.MissingReason;
import dev.tokenscale.policy.Reason;
import dev.tokenscale.policy.PodCoverage;
import dev.tokenscale.policy.ScaleTimes;
import dev.tokenscale.policy.ScalingState;
import dev.tokenscale.policy.Signal;
import dev.tokenscale.policy.SignalSnapshot;
import dev.tokenscale.signals.HistoryReader;
import dev.tokenscale.signals.LabelMatcher;
import dev.tokenscale.signals.QueryFailure;
import dev.tokenscale.signals.SignalPoll;
import dev.tokenscale.signals.SignalReader;
import dev.tokenscale.signals.SignalReport;
import dev.tokenscale.signals.SignalRequest;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates one InferencePool: read the spec, read the target through /scale, read the signals,
 * ask the policy, apply the decision in Auto mode, then write status, Events and metrics. The
 * scaling rules live in {@link CostAwarePolicy}; this class only gathers inputs and applies results.
 *
 * <p>Registered with {@code triggerReconcilerOnAllEvents}, so a deleted pool reaches
 * {@link #reconcile} once more and its metrics and remembered state are dropped, without a finalizer
 * (which would need write access to every pool, and would block deleting pools once the operator is
 * uninstalled).
 */
public final class InferencePoolReconciler implements Reconciler<InferencePool> {

    static final Duration INVALID_SPEC_RETRY = Duration.ofMinutes(1);
    static final Duration MAX_TARGET_BACKOFF = Duration.ofMinutes(5);
    /** The least time between two evaluations of one pool that watch events cause. */
    static final Duration MIN_EVENT_GAP = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(InferencePoolReconciler.class);

    private final ScaleTargetClient targets;
    private final StatusWriter statusWriter;
    private final KubernetesClient client;
    private final SignalReader signals;
    private final HistoryReader history;
    private final PoolEvents events;
    private final OperatorMetrics metrics;
    private final Clock clock;
    private final URI defaultPrometheus;
    private final CostAwarePolicy policy = new CostAwarePolicy();
    private final PoolMemory memory = new PoolMemory();
    private final BudgetCoordinator budgets;
    private final WorkloadInformers workloads;
    private final ScaleDownMarking marking;
    private final SignalArrivals arrivals = new SignalArrivals();

    /** A reconciler that sees no InferenceBudget, for benchmarks and tools that scale single pools. */
    public InferencePoolReconciler(KubernetesClient client, SignalReader signals, PoolEvents events,
            OperatorMetrics metrics, Clock clock, URI defaultPrometheus) {
        this(client, signals, events, metrics, clock, defaultPrometheus, BudgetCoordinator.withoutBudgets());
    }

    /**
     * @param defaultPrometheus the operator's --prometheus-url for pools that name none; may be null
     */
    public InferencePoolReconciler(KubernetesClient client, SignalReader signals, PoolEvents events,
            OperatorMetrics metrics, Clock clock, URI defaultPrometheus, BudgetCoordinator budgets) {
        this(client, signals, HistoryReader.NONE, events, metrics, clock, defaultPrometheus, budgets);
    }

    /** @param history where a forecasting pool's demand history is read; {@link HistoryReader#NONE} for none */
    public InferencePoolReconciler(KubernetesClient client, SignalReader signals, HistoryReader history, PoolEvents events,
            OperatorMetrics metrics, Clock clock, URI defaultPrometheus, BudgetCoordinator budgets) {
        this.client = client;
        this.history = history;
        this.workloads = new WorkloadInformers(clock);
        metrics.countInformers(workloads::countByState);
        this.targets = new ScaleTargetClient(client, workloads);
        this.statusWriter = new StatusWriter(client);
        this.marking = new ScaleDownMarking(client);
        this.signals = signals;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
        this.defaultPrometheus = defaultPrometheus;
        this.budgets = budgets;
    }

    @Override
    public UpdateControl<InferencePool> reconcile(InferencePool pool, Context<InferencePool> context) {
        String namespace = pool.getMetadata().getNamespace();
        String name = pool.getMetadata().getName();
        if (context.isPrimaryResourceDeleted()) {
            forget(pool);
            return UpdateControl.noUpdate();
        }
        workloads.attach(context);
        long started = System.nanoTime();
        try {
            return evaluate(pool, context);
        } finally {
            metrics.observeReconcile(namespace, name, (System.nanoTime() - started) / 1e9);
        }
    }

    /** Pools whose signals were on their way are reconciled when they land. */
    @Override
    public List<EventSource<?, InferencePool>> prepareEventSources(EventSourceContext<InferencePool> context) {
        return List.of(arrivals);
    }

    @Override
    public ErrorStatusUpdateControl<InferencePool> updateErrorStatus(InferencePool pool, Context<InferencePool> context,
            Exception e) {
        LOG.warn("pool {}/{}: evaluation failed, will retry: {}", pool.getMetadata().getNamespace(),
                pool.getMetadata().getName(), e.toString());
        try {
            statusWriter.write(pool, StatusComposer.notEvaluated(pool, "ReconcileError",
                    "The last evaluation failed and is retried: " + e.getMessage(), clock.instant()));
        } catch (RuntimeException statusFailed) {
            LOG.warn("pool {}/{}: could not record the failure in status either: {}", pool.getMetadata().getNamespace(),
                    pool.getMetadata().getName(), statusFailed.toString());
        }
        return ErrorStatusUpdateControl.noStatusUpdate();
    }

    /** The operator is stopping: the informers that evaluations start lazily start no more. */
    public void stop() {
        workloads.stop();
    }

    WorkloadInformers workloads() {
        return workloads;
    }

    /** Whether the operator holds state for the pool with this uid; a deleted pool's goes away. */
    public boolean remembers(String uid) {
        return memory.contains(uid);
    }

    private UpdateControl<InferencePool> evaluate(InferencePool pool, Context<InferencePool> context) {
        String namespace = pool.getMetadata().getNamespace();
        Instant now = clock.instant();
        PoolMemory.Entry remembered = memory.of(pool.getMetadata().getUid());

        PoolSettings settings;
        try {
            settings = PoolSettingsMapping.map(pool.getSpec());
        } catch (InvalidSpecException e) {
            return invalidSpec(pool, e, now);
        }
        Optional<Duration> early = tooSoon(remembered, settings);
        if (early.isPresent()) {
            return UpdateControl.<InferencePool>noUpdate().rescheduleAfter(early.get());
        }
        long previousEvaluation = remembered.evaluatedNanos;
        remembered.evaluatedNanos = System.nanoTime();
        SignalRequest request;
        ScaleTargetClient.Observed target;
        SecretUnavailableException unreadableSecret = null;
        try {
            target = targets.observe(pool, namespace, settings.target().apiVersion(), settings.target().kind(),
                    settings.target().name());
        } catch (InvalidSpecException e) {
            return invalidSpec(pool, e, now);
        } catch (TargetNotFoundException e) {
            return targetNotFound(pool, settings, remembered, e, now);
        } catch (InformerStarting e) {
            // Not an evaluation: the pool is read from the informer's cache once it has listed.
            remembered.evaluatedNanos = previousEvaluation;
            LOG.debug("pool {}/{}: evaluated once the {}", namespace, pool.getMetadata().getName(), e.getMessage());
            return UpdateControl.<InferencePool>noUpdate().rescheduleAfter(InformerStarting.RETRY);
        }
        try {
            request = signalRequest(pool, settings, target).orElse(null);
        } catch (InvalidSpecException e) {
            return invalidSpec(pool, e, now);
        } catch (SecretUnavailableException e) {
            request = null;
            unreadableSecret = e;
        }
        remembered.targetMissingStreak = 0;

        SignalPoll polled = unreadableSecret != null
                ? new SignalPoll.Ready(new SignalReport(unreadableSecretSnapshot(pool, unreadableSecret, now), Map.of()))
                : request == null ? new SignalPoll.Ready(new SignalReport(noPodsSnapshot(now), Map.of()))
                : read(request, settings.evaluationInterval(), now);
        if (polled instanceof SignalPoll.Pending pending) {
            // Not an evaluation: status, Events and metrics keep the last one's until the batch lands.
            remembered.evaluatedNanos = previousEvaluation;
            LOG.debug("pool {}/{}: evaluated when its batch lands, or in {} ms: {}", namespace, pool.getMetadata().getName(),
                    pending.retryAfter().toMillis(), pending.detail());
            ResourceID id = ResourceID.fromResource(pool);
            pending.arrival().thenRun(() -> arrivals.arrived(id));
            return UpdateControl.<InferencePool>noUpdate().rescheduleAfter(pending.retryAfter());
        }
        SignalReport report = ((SignalPoll.Ready) polled).report();
        SignalSnapshot snapshot = report.snapshot();
        InferencePoolStatus previous = pool.getStatus() != null ? pool.getStatus() : new InferencePoolStatus();
        Instant lastUp = PoolMemory.later(statusTime(pool, "lastScaleUpTime", previous.getLastScaleUpTime()),
                remembered.lastScaleUpTime);
        Instant lastDown = PoolMemory.later(statusTime(pool, "lastScaleDownTime", previous.getLastScaleDownTime()),
                remembered.lastScaleDownTime);
        int replicas = target.scale().specReplicas();
        ScalingState state = new ScalingState(replicas, Math.min(target.readyReplicas(), replicas), lastUp, lastDown);

        LearnedState stored = LearnedStatusMapping.toState(previous.getLearned());
        AdaptiveMemory memory = remembered.adaptive != null ? remembered.adaptive : AdaptiveMemory.restored(stored,
                LearnedStatusMapping.bursts(previous.getLearned()), LearnedStatusMapping.readyDelay(previous.getLearned()));
        if (LearnedStatusMapping.isNewer(stored, memory.learned())) {
            // Status is the store; the remembered copy only covers the informer's lag after a write.
            memory = memory.withLearned(stored);
        }
        PoolForecast forecast = remembered.forecast(settings.forecast(), previous.getLearned());
        forecast.observeWorkload(now, replicas, target.readyReplicas());
        forecast.observeDemand(history, request, settings, snapshot, now);
        PoolForecast.Forecasted forecasted = forecast.apply(settings, snapshot, state,
                policy.evaluate(settings.policy(), snapshot, state, memory, clock), now);
        PolicyOutcome outcome = forecasted.outcome();
        remembered.adaptive = outcome.memory();
        BudgetShare share = budgets.share(pool, settings, state, snapshot, outcome.decision(),
                context.getPrimaryCache().list().toList());
        Decision decision = share.decision();
        // The policy treats a future time as now and says so in its message; status and Events follow it.
        ScaleTimes.Checked times = ScaleTimes.check(state, now);
        times.warnings().forEach(warning -> events.record(pool, EventReason.InvalidScaleTime, "status." + warning + "."));
        lastUp = times.state().lastScaleUpTime();
        lastDown = times.state().lastScaleDownTime();

        boolean apply = settings.mode() == PoolMode.AUTO && decision.changesReplicas();
        ScaleDownMarking.Outcome marked = marking.beforeScaleWrite(namespace, pool.getMetadata().getName(), settings,
                target.pods(), report.runningRequests(), decision, apply);
        int after = replicas;
        if (apply) {
            try {
                after = targets.writeReplicas(target.kind(), namespace, settings.target().name(),
                        ReplicaBounds.of(settings.policy()), decision.to(), target.scale()).specReplicas();
            } catch (TargetNotFoundException e) {
                return targetNotFound(pool, settings, remembered, e, now);
            } catch (InvalidDecisionException e) {
                return invalidDecision(pool, settings, decision, e, now);
            }
            if (decision.action() == Action.SCALE_UP) {
                forecast.ordered(now, after);
                lastUp = now;
                remembered.lastScaleUpTime = now;
            } else {
                lastDown = now;
                remembered.lastScaleDownTime = now;
            }
        }
        Double savings = apply && decision.action() == Action.SCALE_DOWN
                ? Double.valueOf(decision.estimatedSavingsPerHour())
                : remembered.lastSavingsPerHour != null ? remembered.lastSavingsPerHour
                : previous.getCost() != null ? previous.getCost().getEstimatedSavingsPerHour() : null;
        remembered.lastSavingsPerHour = savings;

        Evaluation evaluation = new Evaluation(replicas, after, target.readyReplicas(), snapshot, decision, apply,
                lastUp, lastDown, savings, now, marked.note(), marked.problem(), outcome.memory().learned(), outcome.sizing(), forecasted.view(),
                outcome.memory().bursts().bursts());
        budgets.applied(pool, share, after, apply && decision.reason() == Reason.PREEMPTED, now);
        InferencePoolStatus status = StatusComposer.evaluated(pool, settings, evaluation);
        BudgetLimitedCondition.applyTo(status, previous.getConditions(), share, pool.getMetadata().getGeneration(),
                StatusComposer.rfc3339(now));
        statusWriter.write(pool, status);
        DecisionLog.log(pool, settings, evaluation, remembered);
        DecisionEvents.emit(events, pool, settings, evaluation, remembered, previous);
        BudgetEvents.emit(events, pool, share, apply);
        recordMetrics(pool, settings, evaluation);
        return UpdateControl.<InferencePool>noUpdate().rescheduleAfter(settings.evaluationInterval());
    }

    /**
     * How long to wait when a watch event asks for an evaluation within {@link #MIN_EVENT_GAP} of the
     * last one (or within the pool's interval, if that is shorter); empty to evaluate now. Events come
     * in bursts (a scale's pods, a rollout), and the decision just made stays visible for at least this
     * long. Wall time, like JOSDK's own rescheduling: the policy's clock may be a test's stepped one.
     */
    private static Optional<Duration> tooSoon(PoolMemory.Entry remembered, PoolSettings settings) {
        if (remembered.evaluatedNanos == 0) {
            return Optional.empty();
        }
        Duration gap = settings.evaluationInterval().compareTo(MIN_EVENT_GAP) < 0 ? settings.evaluationInterval() : MIN_EVENT_GAP;
        Duration since = Duration.ofNanos(System.nanoTime() - remembered.evaluatedNanos);
        return since.compareTo(gap) < 0 ? Optional.of(gap.minus(since)) : Optional.empty();
    }

    /** A status time the operator cannot read is no cooldown, reported once per evaluation rather than a crash. */
    private Instant statusTime(InferencePool pool, String field, String text) {
        try {
            return StatusComposer.parseTime(text);
        } catch (IllegalArgumentException e) {
            events.record(pool, EventReason.InvalidScaleTime, "status." + field + ": " + e.getMessage() + "; ignored");
            return null;
        }
    }

    private Optional<SignalRequest> signalRequest(InferencePool pool, PoolSettings settings,
            ScaleTargetClient.Observed target) {
        String namespace = pool.getMetadata().getNamespace();
        URI url = settings.metrics().prometheus().url() != null ? settings.metrics().prometheus().url() : defaultPrometheus;
        if (url == null) {
            throw new InvalidSpecException("spec.metrics.prometheus.url",
                    "no Prometheus to ask: set it, or start the operator with --prometheus-url");
        }
        Optional<List<LabelMatcher>> matchers;
        try {
            matchers = SeriesSelection.matchers(namespace, settings.metrics().selector(), target.pods().names());
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException("spec.metrics.selector", e.getMessage());
        }
        return matchers.map(m -> new SignalRequest(namespace + "/" + pool.getMetadata().getName(),
                settings.metrics().prometheus().connection(url, new PoolSecrets(client, namespace)), settings.metrics().presetName(),
                settings.metrics().customQueries(), settings.metrics().window(), m,
                settings.metrics().customRunningRequests(), target.pods().readyNames()));
    }

    /**
     * Numbers up to one interval old are as good as the pool's own query: a batch may have fetched
     * them. Never waits for a batch in flight, so a reconcile thread is never held by one.
     */
    private SignalPoll read(SignalRequest request, Duration interval, Instant now) {
        try {
            return signals.poll(request, interval);
        } catch (RuntimeException e) {
            // The port promises not to throw; if it does anyway, that is a metrics fault like any other.
            SignalSnapshot.Builder failed = SignalSnapshot.builder().observedAt(now);
            for (Signal s : Signal.values()) {
                failed.missing(s, MissingReason.ERROR, e.toString());
            }
            return new SignalPoll.Ready(new SignalReport(failed.coverage(PodCoverage.unknown(e.toString())).build(), Map.of()));
        }
    }

    /** No query is sent without the credentials the pool asked for; every signal is missing, never zero. */
    private static SignalSnapshot unreadableSecretSnapshot(InferencePool pool, SecretUnavailableException e, Instant now) {
        LOG.warn("pool {}/{}: not querying Prometheus: {}", pool.getMetadata().getNamespace(), pool.getMetadata().getName(),
                e.getMessage());
        SignalSnapshot.Builder none = SignalSnapshot.builder().observedAt(now);
        String poolName = pool.getMetadata().getNamespace() + "/" + pool.getMetadata().getName();
        for (Signal s : Signal.values()) {
            none.missing(s, MissingReason.ERROR, poolName + " " + s.key() + ": "
                    + QueryFailure.BAD_SETTINGS.label() + ": " + e.getMessage());
        }
        return none.build();
    }

    private static SignalSnapshot noPodsSnapshot(Instant now) {
        SignalSnapshot.Builder none = SignalSnapshot.builder().observedAt(now);
        for (Signal s : Signal.values()) {
            none.missing(s, MissingReason.NO_SERIES, "the target has no pods, so no series can be its own");
        }
        return none.build();
    }

    private UpdateControl<InferencePool> invalidSpec(InferencePool pool, InvalidSpecException e, Instant now) {
        LOG.warn("pool {}/{}: invalid spec, not acting: {}", pool.getMetadata().getNamespace(), pool.getMetadata().getName(),
                e.getMessage());
        events.record(pool, EventReason.InvalidSpec, e.getMessage());
        statusWriter.write(pool, StatusComposer.notEvaluated(pool, EventReason.InvalidSpec.name(), e.getMessage(), now));
        return UpdateControl.<InferencePool>noUpdate().rescheduleAfter(INVALID_SPEC_RETRY);
    }

    private UpdateControl<InferencePool> invalidDecision(InferencePool pool, PoolSettings settings, Decision decision,
            InvalidDecisionException e, Instant now) {
        String message = "The policy's " + decision.action().key() + " from " + decision.from() + " was "
                + e.getMessage() + ". This is a bug in tokenscale; please report it.";
        LOG.error("pool {}/{}: {}", pool.getMetadata().getNamespace(), pool.getMetadata().getName(), message);
        events.record(pool, EventReason.InvalidDecision, message);
        statusWriter.write(pool, StatusComposer.notEvaluated(pool, EventReason.InvalidDecision.name(), message, now));
        return UpdateControl.<InferencePool>noUpdate().rescheduleAfter(settings.evaluationInterval());
    }

    private UpdateControl<InferencePool> targetNotFound(InferencePool pool, PoolSettings settings,
            PoolMemory.Entry remembered, TargetNotFoundException e, Instant now) {
        Duration base = settings.evaluationInterval();
        int streak = Math.min(remembered.targetMissingStreak++, 10);
        Duration backoff = base.multipliedBy(1L << streak);
        if (backoff.compareTo(MAX_TARGET_BACKOFF) > 0) {
            backoff = MAX_TARGET_BACKOFF;
        }
        String message = "Scale target " + e.getMessage() + "; retrying in " + backoff.toSeconds() + "s or less.";
        LOG.warn("pool {}/{}: {}", pool.getMetadata().getNamespace(), pool.getMetadata().getName(), message);
        events.record(pool, EventReason.TargetNotFound, "Scale target " + e.getMessage());
        statusWriter.write(pool, StatusComposer.notEvaluated(pool, EventReason.TargetNotFound.name(), message, now));
        return UpdateControl.<InferencePool>noUpdate().rescheduleAfter(backoff);
    }

    private void recordMetrics(InferencePool pool, PoolSettings settings, Evaluation e) {
        String namespace = pool.getMetadata().getNamespace();
        String name = pool.getMetadata().getName();
        metrics.recordEvaluation(namespace, name, e.now());
        metrics.recordSignals(namespace, name, e.snapshot());
        metrics.recordSlo(namespace, name, settings.policy());
        metrics.recordDecision(namespace, name, e.replicasAfter(), e.decision());
        metrics.recordSizing(namespace, name, e.sizing());
        metrics.recordForecast(namespace, name, e.forecast());
        var perMillion = settings.cost().perMillionTokens(e.replicasAfter(), StatusComposer.valueOf(e.snapshot().get(Signal.TOKENS_PER_SECOND)));
        metrics.recordCost(namespace, name, settings.cost().hourly(e.replicasAfter()),
                perMillion.isPresent() ? perMillion.getAsDouble() : null);
    }

    private void forget(InferencePool pool) {
        memory.forget(pool.getMetadata().getUid());
        workloads.forget(pool);
        budgets.forget(pool);
        events.forget(pool);
        metrics.forget(pool.getMetadata().getNamespace(), pool.getMetadata().getName());
        LOG.info("pool {}/{} deleted: its metrics and state are dropped", pool.getMetadata().getNamespace(),
                pool.getMetadata().getName());
    }
}
