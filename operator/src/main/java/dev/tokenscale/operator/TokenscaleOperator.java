package dev.tokenscale.operator;

import dev.tokenscale.signals.SignalReader;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running operator: JOSDK with the {@link InferencePoolReconciler} on a given client. `run`
 * starts it on the cluster's client; tests start it on the mock API server's client with fakes for
 * the clock and the metrics source.
 */
public final class TokenscaleOperator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TokenscaleOperator.class);

    private final Operator operator;
    private final InferencePoolReconciler reconciler;
    private final BudgetInformer budgets;
    private final boolean leaderElection;
    private final AtomicBoolean leading = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();

    private TokenscaleOperator(KubernetesClient client, OperatorOptions options, InferencePoolReconciler reconciler,
            BudgetInformer budgets, Runnable onLeaseLost) {
        this.reconciler = reconciler;
        this.budgets = budgets;
        this.leaderElection = options.leaderElection();
        this.operator = new Operator(o -> {
            o.withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    // Status is written by StatusWriter as a merge patch; JOSDK itself writes nothing.
                    .withUseSSAToPatchPrimaryResource(false)
                    .checkingCRDAndValidateLocalModel(false)
                    .withStopOnInformerErrorDuringStartup(false);
            if (options.leaderElection()) {
                o.withLeaderElectionConfiguration(new LeaderElectionConfiguration(
                        OperatorOptions.LEASE_NAME, options.leaseNamespace(),
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
                                        LOG.error("{} lost the lease; exiting so the pod restarts as a candidate", options.identity());
                                        onLeaseLost.run();
                                    }
                                },
                                leader -> LOG.info("lease {} held by {}", OperatorOptions.LEASE_NAME, leader)),
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
        BudgetInformer budgets = BudgetInformer.start(client);
        InferencePoolReconciler reconciler = new InferencePoolReconciler(client, signals, events, metrics, clock,
                options.defaultPrometheus(), new BudgetCoordinator(budgets, new BudgetStatusWriter(client)));
        TokenscaleOperator running = new TokenscaleOperator(client, options, reconciler, budgets, onLeaseLost);
        running.operator.start();
        running.started.set(true);
        return running;
    }

    /** Started and, with leader election, holding the lease. */
    public boolean isReady() {
        return started.get() && (!leaderElection || leading.get());
    }

    /** The watches are healthy; a replica waiting for the lease is live too. */
    public boolean isLive() {
        return !started.get() || operator.getRuntimeInfo().allEventSourcesAreHealthy() || (leaderElection && !leading.get());
    }

    public InferencePoolReconciler reconciler() {
        return reconciler;
    }

    @Override
    public void close() {
        closing.set(true);
        operator.stop();
        budgets.close();
        started.set(false);
    }
}
