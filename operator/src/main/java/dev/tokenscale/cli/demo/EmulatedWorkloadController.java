package dev.tokenscale.cli.demo;

import dev.tokenscale.sim.WorkerEmulator;
import dev.tokenscale.sim.WorkerEndpoint;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Plays the Deployment controller and the kubelet for one Deployment on the embedded API server,
 * with emulated workers as its pods: it keeps the emulator at the Deployment's spec.replicas, one pod
 * per worker named {@code <deployment>-<i>} (worker i), Ready once the worker has served its cold
 * start, and writes status.replicas and status.readyReplicas as a real controller would. The demo
 * calls {@link #sync()} on its tick; nothing here runs on its own.
 */
public final class EmulatedWorkloadController {

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final WorkerEmulator emulator;
    private int lastReplicas = -1;
    private int lastReady = -1;

    public EmulatedWorkloadController(KubernetesClient client, String namespace, String name, WorkerEmulator emulator) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
        this.emulator = emulator;
    }

    /** Brings workers, pods and status in line with the Deployment; cheap when nothing changed. */
    public synchronized void sync() {
        Deployment deployment = client.apps().deployments().inNamespace(namespace).withName(name).get();
        if (deployment == null) {
            return;
        }
        Integer wanted = deployment.getSpec().getReplicas();
        int replicas = wanted == null ? 1 : wanted;
        if (replicas != emulator.replicas()) {
            emulator.setReplicas(replicas);
        }
        List<WorkerEndpoint> workers = emulator.workers();
        int ready = (int) workers.stream().filter(WorkerEndpoint::serving).count();
        if (replicas == lastReplicas && ready == lastReady) {
            return;
        }
        try {
            syncPods(deployment.getSpec().getSelector().getMatchLabels(), workers);
            client.apps().deployments().inNamespace(namespace).withName(name).subresource("status")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"replicas\":" + replicas
                            + ",\"readyReplicas\":" + ready + ",\"availableReplicas\":" + ready
                            + ",\"observedGeneration\":" + deployment.getMetadata().getGeneration() + "}}");
            lastReplicas = replicas;
            lastReady = ready;
        } catch (KubernetesClientException e) {
            // The embedded server is shutting down; the next sync, if any, catches up.
        }
    }

    public synchronized int readyReplicas() {
        return Math.max(lastReady, 0);
    }

    private void syncPods(Map<String, String> labels, List<WorkerEndpoint> workers) {
        List<Pod> existing = client.pods().inNamespace(namespace).withLabels(labels).list().getItems();
        for (Pod pod : existing) {
            int index = index(pod);
            if (index < 0 || index >= workers.size()) {
                client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).delete();
            }
        }
        for (int i = 0; i < workers.size(); i++) {
            String podName = podName(i);
            boolean serving = workers.get(i).serving();
            Pod current = existing.stream().filter(p -> p.getMetadata().getName().equals(podName)).findFirst().orElse(null);
            if (current != null && Objects.equals(isReady(current), serving)) {
                continue;
            }
            Pod pod = new PodBuilder()
                    .withNewMetadata().withName(podName).withNamespace(namespace).addToLabels(labels).endMetadata()
                    .withNewSpec().addNewContainer().withName("vllm").withImage("emulated/vllm").endContainer().endSpec()
                    .withNewStatus().withPhase("Running")
                        .addNewCondition().withType("Ready").withStatus(serving ? "True" : "False").endCondition()
                    .endStatus()
                    .build();
            client.pods().inNamespace(namespace).resource(pod).createOr(existingPod -> existingPod.update());
        }
    }

    /** The pod that stands for emulated worker {@code index}; Prometheus labels its series the same. */
    public String podName(int index) {
        return name + "-" + index;
    }

    private int index(Pod pod) {
        String podName = pod.getMetadata().getName();
        String prefix = name + "-";
        if (!podName.startsWith(prefix)) {
            return -1;
        }
        try {
            return Integer.parseInt(podName.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Boolean isReady(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
