package dev.tokenscale.operator;

import dev.tokenscale.policy.HumanText;
import dev.tokenscale.signals.HistoryReader;
import dev.tokenscale.signals.SignalReader;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.LeaderElectionManager;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running operator: JOSDK with the {@link InferencePoolReconciler} on a given client. `run`
 * starts it on the cluster's client; tests start it on the mock API server's client with fakes for
 * the clock and the metrics source. JOSDK talks to the API server through a copy of that client
 * that an {@link ApiServerObserver} watches, so the probes can say what the API server refuses.
 */
public final class TokenscaleOperator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TokenscaleOperator.class);

    /**
     * How long JOSDK waits at start for each informer's first list. With
     * {@code withStopOnInformerErrorDuringStartup(false)} the wait ending is no failure: the informer
     * keeps retrying and the pools are reconciled once their list arrives. JOSDK's default of two
     * minutes only held a start whose list was forbidden, and its readiness probe's answer with it;
     * a list of thousands of pools takes well under this on a healthy API server.
     */
    static final Duration CACHE_SYNC_TIMEOUT = Duration.ofSeconds(10);

    private final Operator operator;
    private final InferencePoolReconciler reconciler;
    private final BudgetInformer budgets;
    private final OperatorOptions options;
    private final ApiServerObserver observer;
    private final KubernetesClient observedClient;
    private final LeaseEvents leaseEvents;
    private final AtomicBoolean leading = new AtomicBoolean();
    private final AtomicReference<String> holder = new AtomicReference<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();

    private TokenscaleOperator(KubernetesClient client, OperatorOptions options, InferencePoolReconciler reconciler,
            BudgetInformer budgets, Clock clock, Runnable onLeaseLost) {
        this.reconciler = reconciler;
        this.budgets = budgets;
        this.options = options;
        String leaseNamespace = options.leaderElection() ? options.leaseNamespace() : "";
        this.observer = new ApiServerObserver(clock, leaseNamespace, options.leaseName(),
                verb -> leaseForbidden(verb));
        this.observedClient = observer.observe(client, reconciler.workloads().refusals());
        this.leaseEvents = new LeaseEvents(client, clock, leaseNamespace, options.leaseName(), options.identity());
        this.operator = new Operator(o -> {
            o.withKubernetesClient(observedClient)
                    .withCloseClientOnStop(false)
                    // Status is written by StatusWriter as a merge patch; JOSDK itself writes nothing.
                    .withUseSSAToPatchPrimaryResource(false)
                    .checkingCRDAndValidateLocalModel(false)
                    .withStopOnInformerErrorDuringStartup(false)
                    .withCacheSyncTimeout(CACHE_SYNC_TIMEOUT);
            if (options.leaderElection()) {
                o.withLeaderElectionConfiguration(new LeaderElectionConfiguration(
                        options.leaseName(), options.leaseNamespace(),
                        LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
                        LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
                        LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
                        options.identity(),
                        new LeaderCallbacks(
                                () -> {
                                    leading.set(true);
                                    LOG.info("{} leads; reconciling pools", options.identity());
                                },
                                () -> {
                                    boolean wasLeading = leading.getAndSet(false);
                                    if (wasLeading && !closing.get()) {
                                        // Another replica may act now; carrying on would scale twice.
                                        LOG.error("{} lost the lease ({}); exiting so the pod restarts as a candidate",
                                                options.identity(), notLeading());
                                        onLeaseLost.run();
                                    }
                                },
                                this::newLeader),
                        // JOSDK 5.2.3 would System.exit here even on a graceful stop, from inside the
                        // shutdown hook; the callback above exits only when the lease is really lost.
                        false));
            }
        });
        operator.register(reconciler, c -> {
            c.withName("inferencepool")
                    .withTriggerReconcilerOnAllEvents(true)
                    .withReconciliationMaxInterval(options.maxReconciliationInterval());
            if (options.namespaces().isEmpty()) {
                c.watchingAllNamespaces();
            } else {
                c.settingNamespaces(options.namespaces());
            }
            if (options.shard() != null) {
                // The API server filters the list and watch, so other shards' pools never reach this cache.
                c.withLabelSelector(options.shard().text());
            }
        });
    }

    /** Starts the operator; a lost lease ends the process with status 1, so Kubernetes restarts it. */
    public static TokenscaleOperator start(KubernetesClient client, OperatorOptions options, SignalReader signals,
            PoolEvents events, OperatorMetrics metrics, Clock clock) {
        return start(client, options, signals, events, metrics, clock, () -> System.exit(1));
    }

    /** @param onLeaseLost what to do when leadership is lost other than by {@link #close()} */
    public static TokenscaleOperator start(KubernetesClient client, OperatorOptions options, SignalReader signals,
            PoolEvents events, OperatorMetrics metrics, Clock clock, Runnable onLeaseLost) {
        return start(client, options, signals, HistoryReader.NONE, events, metrics, clock, onLeaseLost);
    }

    /** @param history where forecasting pools read their demand history ({@code /api/v1/query_range}) */
    public static TokenscaleOperator start(KubernetesClient client, OperatorOptions options, SignalReader signals,
            HistoryReader history, PoolEvents events, OperatorMetrics metrics, Clock clock, Runnable onLeaseLost) {
        BudgetInformer budgets = BudgetInformer.start(client);
        InferencePoolReconciler reconciler = new InferencePoolReconciler(client, signals, history, events, metrics, clock,
                options.defaultPrometheus(), new BudgetCoordinator(budgets, new BudgetStatusWriter(client), options.shard()));
        TokenscaleOperator running = new TokenscaleOperator(client, options, reconciler, budgets, clock, onLeaseLost);
        try {
            running.operator.start();
        } catch (RuntimeException e) {
            running.close();
            throw leaseCheckRefused(e, options).orElse(e);
        }
        running.started.set(true);
        return running;
    }

    /**
     * {@code /readyz}: started, holding the lease (with leader election), and able to list the pools.
     * A replica that waits for the lease is not ready, and says who holds it.
     */
    public ProbeAnswer readiness() {
        if (!started.get()) {
            return ProbeAnswer.failing("starting");
        }
        Optional<Duration> unreachable = observer.unreachableFor();
        if (unreachable.isPresent()) {
            return ProbeAnswer.failing("API server unreachable for " + seconds(unreachable.get()));
        }
        if (options.leaderElection() && !leading.get()) {
            return ProbeAnswer.failing(notLeading());
        }
        Optional<String> refused = observer.poolsRefused();
        if (refused.isPresent()) {
            return ProbeAnswer.failing("cannot list inferencepools: " + refused.get());
        }
        // The workload and pod informers are not: until they have synced, or while RBAC refuses them,
        // the pools are read through the API.
        boolean poolsWatched = operator.getRuntimeInfo().unhealthyEventSources().values().stream()
                .flatMap(sources -> sources.keySet().stream())
                .allMatch(WorkloadInformers::owns);
        if (!poolsWatched) {
            return ProbeAnswer.failing("cannot list or watch inferencepools: the watch is not running");
        }
        return ProbeAnswer.ok(options.leaderElection() ? "ok: leader " + options.identity() : "ok");
    }

    /**
     * {@code /healthz}: fails once the API server has been unreachable for longer than
     * {@link OperatorOptions#unhealthyAfter()}, so Kubernetes restarts a pod that lost its way to it.
     * Anything a restart would not fix (RBAC, a missing CRD, another leader) only makes it unready.
     */
    public ProbeAnswer liveness() {
        Optional<Duration> unreachable = observer.unreachableFor();
        if (unreachable.isPresent() && unreachable.get().compareTo(options.unhealthyAfter()) > 0) {
            return ProbeAnswer.failing("API server unreachable for " + seconds(unreachable.get())
                    + ", longer than --unhealthy-after " + HumanText.duration(options.unhealthyAfter()));
        }
        return ProbeAnswer.ok("ok");
    }

    public boolean isReady() {
        return readiness().ok();
    }

    public boolean isLive() {
        return liveness().ok();
    }

    public InferencePoolReconciler reconciler() {
        return reconciler;
    }

    private String notLeading() {
        Optional<String> forbidden = observer.leaseForbidden();
        if (forbidden.isPresent()) {
            return "lease forbidden: " + forbidden.get();
        }
        String current = holder.get();
        return current == null || current.isEmpty() || current.equals(options.identity())
                ? "not leader: lease " + options.leaseNamespace() + "/" + options.leaseName() + " not acquired yet"
                : "not leader: lease held by " + current;
    }

    private void newLeader(String leader) {
        holder.set(leader);
        LOG.info("lease {} held by {}", options.leaseName(), leader);
        if (!options.identity().equals(leader)) {
            leaseEvents.record(EventReason.NotLeader, "not leader: lease held by " + leader + "; " + options.identity()
                    + " waits as a candidate");
        }
    }

    private void leaseForbidden(String verb) {
        String message = "lease forbidden: " + verb + " on leases.coordination.k8s.io " + options.leaseNamespace() + "/"
                + options.leaseName() + " for " + options.identity()
                + "; the Role in deploy/leader-election-role.yaml must grant get, create, update and patch";
        LOG.error(message);
        leaseEvents.record(EventReason.LeaseForbidden, message);
    }

    /**
     * JOSDK checks its Lease permissions with a SelfSubjectRulesReview before electing, and wraps a
     * refusal in "Error starting operator"; this names the missing verbs the way the probes do.
     */
    private static Optional<RuntimeException> leaseCheckRefused(RuntimeException e, OperatorOptions options) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && message.startsWith(LeaderElectionManager.NO_PERMISSION_TO_LEASE_RESOURCE_MESSAGE)) {
                int verbs = message.indexOf("verbs: [");
                String missing = verbs < 0 ? "?" : message.substring(verbs + "verbs: [".length()).replace("]", "");
                return Optional.of(new IllegalStateException("lease forbidden: " + missing + " on leases.coordination.k8s.io "
                        + options.leaseNamespace() + "/" + OperatorOptions.LEASE_NAME
                        + "; the Role in deploy/leader-election-role.yaml must grant get, create, update and patch", e));
            }
        }
        return Optional.empty();
    }

    private static String seconds(Duration duration) {
        return HumanText.duration(Duration.ofSeconds(duration.toSeconds()));
    }

    @Override
    public void close() {
        closing.set(true);
        reconciler.stop();
        operator.stop();
        budgets.close();
        started.set(false);
        leaseEvents.close();
        observedClient.close();
    }
}
