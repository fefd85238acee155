package dev.tokenscale.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Plays the Deployment and StatefulSet controllers and the kubelet on the mock API server, which has
 * none: it keeps as many Ready pods as a workload's spec.replicas asks for, labelled to match its
 * selector, and writes status.replicas and status.readyReplicas. Pods are Ready at once; GPU start-up
 * time is the policy's business, not this fixture's. Pods are named {@code <workload>-<index>}, lowest
 * free index first, newest removed first, so a test can pair pod i with emulated worker i. Like the
 * ReplicaSet controller, a Deployment's scale-down removes the pods with the lowest
 * {@code controller.kubernetes.io/pod-deletion-cost} first (absent counts as 0); a StatefulSet's
 * ignores it and removes the highest index.
 */
public final class FakeWorkloadController implements AutoCloseable {

    private final KubernetesClient client;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fake-workload-controller");
        t.setDaemon(true);
        return t;
    });
    private final List<SharedIndexInformer<?>> informers;

    public FakeWorkloadController(KubernetesClient client) {
        this.client = client;
        this.informers = List.of(
                client.apps().deployments().inAnyNamespace().inform(handler(this::syncDeployment)),
                client.apps().statefulSets().inAnyNamespace().inform(handler(this::syncStatefulSet)));
    }

    private void submit(Runnable task) {
        worker.execute(() -> {
            try {
                task.run();
            } catch (KubernetesClientException e) {
                // The mock is shutting down, or the workload went away mid-sync; the next event resyncs.
            }
        });
    }

    private <T extends HasMetadata> ResourceEventHandler<T> handler(Consumer<T> sync) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                submit(() -> sync.accept(obj));
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                submit(() -> sync.accept(newObj));
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                submit(() -> deletePods(obj.getMetadata().getNamespace(), obj.getMetadata().getName()));
            }
        };
    }

    private void syncDeployment(Deployment d) {
        Deployment fresh = client.apps().deployments().inNamespace(d.getMetadata().getNamespace()).withName(d.getMetadata().getName()).get();
        if (fresh != null) {
            sync(fresh, fresh.getSpec().getReplicas(), fresh.getSpec().getSelector(), true,
                    status -> client.apps().deployments().inNamespace(fresh.getMetadata().getNamespace())
                            .withName(fresh.getMetadata().getName()).subresource("status")
                            .patch(PatchContext.of(PatchType.JSON_MERGE), status));
        }
    }

    private void syncStatefulSet(StatefulSet s) {
        StatefulSet fresh = client.apps().statefulSets().inNamespace(s.getMetadata().getNamespace()).withName(s.getMetadata().getName()).get();
        if (fresh != null) {
            sync(fresh, fresh.getSpec().getReplicas(), fresh.getSpec().getSelector(), false,
                    status -> client.apps().statefulSets().inNamespace(fresh.getMetadata().getNamespace())
                            .withName(fresh.getMetadata().getName()).subresource("status")
                            .patch(PatchContext.of(PatchType.JSON_MERGE), status));
        }
    }

    private void sync(HasMetadata workload, Integer specReplicas, LabelSelector selector, boolean honoursDeletionCost,
            Consumer<String> patchStatus) {
        String namespace = workload.getMetadata().getNamespace();
        String name = workload.getMetadata().getName();
        int want = specReplicas == null ? 1 : specReplicas;
        Map<String, String> labels = selector.getMatchLabels();
        List<Pod> pods = ownedPods(namespace, name);
        try {
            Set<String> taken = new HashSet<>();
            pods.forEach(p -> taken.add(p.getMetadata().getName()));
            for (int i = 0, created = pods.size(); created < want; i++) {
                String podName = name + "-" + i;
                if (taken.contains(podName)) {
                    continue;
                }
                client.pods().inNamespace(namespace).resource(new PodBuilder()
                        .withNewMetadata().withName(podName)
                        .withNamespace(namespace).addToLabels(labels).addToLabels("fake-owner", name).endMetadata()
                        .withNewSpec().addNewContainer().withName("server").withImage("vllm/vllm-openai").endContainer().endSpec()
                        .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
                        .build()).create();
                created++;
            }
            List<Pod> removalOrder = pods.stream()
                    .sorted(Comparator.comparingInt((Pod p) -> honoursDeletionCost ? deletionCost(p) : 0)
                            .thenComparing(Comparator.comparingInt((Pod p) -> index(p.getMetadata().getName())).reversed()))
                    .toList();
            for (int i = 0; i < pods.size() - want; i++) {
                client.pods().inNamespace(namespace).withName(removalOrder.get(i).getMetadata().getName()).delete();
            }
            String status = "{\"status\":{\"replicas\":" + want + ",\"readyReplicas\":" + want + ",\"availableReplicas\":" + want
                    + ",\"observedGeneration\":" + workload.getMetadata().getGeneration() + "}}";
            patchStatus.accept(status);
        } catch (KubernetesClientException e) {
            // The workload went away mid-sync; its delete event cleans up.
        }
    }

    /** Sorted by index, so the newest pods are removed first, as the emulated workers are. */
    private List<Pod> ownedPods(String namespace, String owner) {
        return client.pods().inNamespace(namespace).withLabel("fake-owner", owner).list().getItems().stream()
                .sorted(Comparator.comparingInt(p -> index(p.getMetadata().getName())))
                .toList();
    }

    private static int deletionCost(Pod pod) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        String cost = annotations == null ? null : annotations.get("controller.kubernetes.io/pod-deletion-cost");
        return cost == null ? 0 : Integer.parseInt(cost);
    }

    private static int index(String podName) {
        return Integer.parseInt(podName.substring(podName.lastIndexOf('-') + 1));
    }

    private void deletePods(String namespace, String owner) {
        client.pods().inNamespace(namespace).withLabel("fake-owner", owner).delete();
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
