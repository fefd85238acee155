package dev.tokenscale.operator;

import dev.tokenscale.api.InferenceBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's InferenceBudgets as a watch keeps them (list and watch, as the ClusterRole allows),
 * so every round reads the budget as it is now without a request per pool. If the InferenceBudget
 * CRD is not installed or not readable, there are no budgets, and the log says why once.
 */
public final class BudgetInformer implements Supplier<List<InferenceBudget>>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BudgetInformer.class);

    private final SharedIndexInformer<InferenceBudget> informer;

    private BudgetInformer(SharedIndexInformer<InferenceBudget> informer) {
        this.informer = informer;
    }

    public static BudgetInformer start(KubernetesClient client) {
        try {
            return new BudgetInformer(client.resources(InferenceBudget.class).inform());
        } catch (RuntimeException e) {
            LOG.warn("InferenceBudgets cannot be watched ({}); pools are scaled without budgets. "
                    + "Install crds/inferencebudgets.tokenscale.dev-v1.yml and the ClusterRole in deploy/, then restart.", e.toString());
            return new BudgetInformer(null);
        }
    }

    @Override
    public List<InferenceBudget> get() {
        return informer == null ? List.of() : informer.getStore().list();
    }

    @Override
    public void close() {
        if (informer != null) {
            informer.close();
        }
    }
}
