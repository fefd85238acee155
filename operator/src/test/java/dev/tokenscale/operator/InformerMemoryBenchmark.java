package dev.tokenscale.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the informer caches cost per pod and per pool, measured, not asserted: N pods parsed from
 * the JSON a kube-apiserver sends for a typical vLLM pod (one GPU container with args, env, probes,
 * mounts, managed fields, container statuses), kept either whole or as {@link SlimPod} copies, and
 * N Deployments kept as {@link ScalePaths#slim} copies; the retained heap is read after full GCs.
 * Run it after {@code mvn -B -q test-compile}, with the test class path (see
 * {@link ScaleDownLatencyBenchmark}):
 *
 * <pre>
 * java -cp "$(cat CLASSPATH)" dev.tokenscale.operator.InformerMemoryBenchmark [pods]
 * </pre>
 */
public final class InformerMemoryBenchmark {

    private InformerMemoryBenchmark() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 8000;
        String pod = podJson();
        String deployment = deploymentJson();
        System.out.printf(Locale.ROOT, "one pod as the API server sends it: %,d bytes of JSON%n", pod.length());

        long full = retained(n, i -> Serialization.unmarshal(pod.replace("llama-7c9f-0", "llama-7c9f-" + i), Pod.class));
        long slim = retained(n, i -> SlimPod.of(Serialization.unmarshal(pod.replace("llama-7c9f-0", "llama-7c9f-" + i), Pod.class)));
        long workloads = retained(n / 8, i -> ScalePaths.APPS_V1.slim(
                Serialization.unmarshal(deployment.replace("\"llama\"", "\"llama-" + i + "\""), GenericKubernetesResource.class)));
        System.out.printf(Locale.ROOT, "%,d pods kept whole: %,d bytes each%n", n, full / n);
        System.out.printf(Locale.ROOT, "%,d pods kept slim (SlimPod): %,d bytes each%n", n, slim / n);
        System.out.printf(Locale.ROOT, "%,d Deployments kept slim (ScalePaths): %,d bytes each%n", n / 8, workloads / (n / 8));
        System.out.printf(Locale.ROOT, "a pool of 8 pods and its Deployment: %,d bytes cached (whole pods: %,d)%n",
                8 * slim / n + workloads / (n / 8), 8 * full / n + workloads / (n / 8));
        System.out.printf(Locale.ROOT, "1,000 such pools: %.1f MB cached (whole pods: %.1f MB)%n",
                1000 * (8.0 * slim / n + (double) workloads / (n / 8)) / 1e6, 1000 * (8.0 * full / n + (double) workloads / (n / 8)) / 1e6);
    }

    private static long retained(int count, java.util.function.IntFunction<Object> make) {
        long before = used();
        List<Object> kept = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            kept.add(make.apply(i));
        }
        long after = used();
        if (kept.size() != count) {
            throw new IllegalStateException("lost objects");
        }
        return after - before;
    }

    private static long used() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String podJson() {
        return """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"llama-7c9f-0","generateName":"llama-7c9f-","namespace":"llm",
             "uid":"4f1c2a9e-5b1d-4a57-9d3e-2b8c6f0a1e11","resourceVersion":"123456789","creationTimestamp":"2026-01-01T00:00:00Z",
             "labels":{"app":"llama","pod-template-hash":"7c9f5d6b8","app.kubernetes.io/name":"vllm","app.kubernetes.io/instance":"llama"},
             "annotations":{"kubectl.kubernetes.io/restartedAt":"2026-01-01T00:00:00Z","prometheus.io/scrape":"true","prometheus.io/port":"8000"},
             "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"llama-7c9f5d6b8","uid":"0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9","controller":true,"blockOwnerDeletion":true}],
             "managedFields":[{"manager":"kube-controller-manager","operation":"Update","apiVersion":"v1","time":"2026-01-01T00:00:00Z","fieldsType":"FieldsV1",
               "fieldsV1":{"f:metadata":{"f:generateName":{},"f:labels":{".":{},"f:app":{},"f:pod-template-hash":{}},"f:ownerReferences":{".":{},"k:{\\"uid\\":\\"0a1b\\"}":{}}},
                 "f:spec":{"f:containers":{"k:{\\"name\\":\\"vllm\\"}":{".":{},"f:args":{},"f:env":{},"f:image":{},"f:ports":{},"f:readinessProbe":{},"f:resources":{},"f:volumeMounts":{}}},"f:volumes":{}}}},
               {"manager":"kubelet","operation":"Update","apiVersion":"v1","time":"2026-01-01T00:05:00Z","fieldsType":"FieldsV1","subresource":"status",
               "fieldsV1":{"f:status":{"f:conditions":{},"f:containerStatuses":{},"f:hostIP":{},"f:phase":{},"f:podIP":{},"f:podIPs":{},"f:startTime":{}}}}]},
             "spec":{"containers":[{"name":"vllm","image":"vllm/vllm-openai:v0.6.3",
               "args":["--model","meta-llama/Llama-3.1-70B-Instruct","--tensor-parallel-size","8","--max-model-len","32768","--gpu-memory-utilization","0.92","--port","8000"],
               "env":[{"name":"HF_TOKEN","valueFrom":{"secretKeyRef":{"name":"hf","key":"token"}}},{"name":"VLLM_LOGGING_LEVEL","value":"INFO"},
                 {"name":"NCCL_DEBUG","value":"WARN"},{"name":"HF_HOME","value":"/models/cache"},{"name":"POD_NAME","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}}],
               "ports":[{"name":"http","containerPort":8000,"protocol":"TCP"}],
               "resources":{"limits":{"nvidia.com/gpu":"8","memory":"640Gi","cpu":"32"},"requests":{"nvidia.com/gpu":"8","memory":"640Gi","cpu":"32"}},
               "readinessProbe":{"httpGet":{"path":"/health","port":8000,"scheme":"HTTP"},"periodSeconds":5,"timeoutSeconds":1,"successThreshold":1,"failureThreshold":3},
               "livenessProbe":{"httpGet":{"path":"/health","port":8000,"scheme":"HTTP"},"initialDelaySeconds":600,"periodSeconds":10,"timeoutSeconds":1,"successThreshold":1,"failureThreshold":3},
               "volumeMounts":[{"name":"models","mountPath":"/models"},{"name":"shm","mountPath":"/dev/shm"},{"name":"kube-api-access-x7k2p","readOnly":true,"mountPath":"/var/run/secrets/kubernetes.io/serviceaccount"}],
               "terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","imagePullPolicy":"IfNotPresent"}],
             "volumes":[{"name":"models","persistentVolumeClaim":{"claimName":"models"}},{"name":"shm","emptyDir":{"medium":"Memory","sizeLimit":"64Gi"}},
               {"name":"kube-api-access-x7k2p","projected":{"defaultMode":420,"sources":[{"serviceAccountToken":{"expirationSeconds":3607,"path":"token"}},
                 {"configMap":{"name":"kube-root-ca.crt","items":[{"key":"ca.crt","path":"ca.crt"}]}},{"downwardAPI":{"items":[{"path":"namespace","fieldRef":{"apiVersion":"v1","fieldPath":"metadata.namespace"}}]}}]}}],
             "restartPolicy":"Always","terminationGracePeriodSeconds":120,"dnsPolicy":"ClusterFirst","serviceAccountName":"default","nodeName":"gpu-node-17",
             "nodeSelector":{"nvidia.com/gpu.product":"NVIDIA-H100-80GB-HBM3"},"schedulerName":"default-scheduler","priority":0,"enableServiceLinks":true,"preemptionPolicy":"PreemptLowerPriority",
             "tolerations":[{"key":"nvidia.com/gpu","operator":"Exists","effect":"NoSchedule"},{"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute","tolerationSeconds":300},
               {"key":"node.kubernetes.io/unreachable","operator":"Exists","effect":"NoExecute","tolerationSeconds":300}]},
             "status":{"phase":"Running","hostIP":"10.0.3.17","podIP":"10.244.17.5","podIPs":[{"ip":"10.244.17.5"}],"startTime":"2026-01-01T00:00:01Z","qosClass":"Guaranteed",
               "conditions":[{"type":"PodReadyToStartContainers","status":"True","lastTransitionTime":"2026-01-01T00:00:05Z"},{"type":"Initialized","status":"True","lastTransitionTime":"2026-01-01T00:00:01Z"},
                 {"type":"Ready","status":"True","lastTransitionTime":"2026-01-01T00:04:40Z"},{"type":"ContainersReady","status":"True","lastTransitionTime":"2026-01-01T00:04:40Z"},
                 {"type":"PodScheduled","status":"True","lastTransitionTime":"2026-01-01T00:00:00Z"}],
               "containerStatuses":[{"name":"vllm","state":{"running":{"startedAt":"2026-01-01T00:01:10Z"}},"lastState":{},"ready":true,"restartCount":0,
                 "image":"docker.io/vllm/vllm-openai:v0.6.3","imageID":"docker.io/vllm/vllm-openai@sha256:9f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0",
                 "containerID":"containerd://5e4d3c2b1a0f9e8d7c6b5a4938271605f4e3d2c1b0a99887766554433221100f","started":true}]}}
            """;
    }

    private static String deploymentJson() {
        return """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"llama","namespace":"llm","uid":"1a2b3c4d-5e6f-7081-92a3-b4c5d6e7f809",
             "resourceVersion":"123456000","generation":7,"labels":{"app":"llama"},"annotations":{"deployment.kubernetes.io/revision":"3"}},
             "spec":{"replicas":8,"selector":{"matchLabels":{"app":"llama"}},"strategy":{"type":"RollingUpdate"},
               "template":{"metadata":{"labels":{"app":"llama"}},"spec":{"containers":[{"name":"vllm","image":"vllm/vllm-openai:v0.6.3",
                 "args":["--model","meta-llama/Llama-3.1-70B-Instruct","--tensor-parallel-size","8"],"resources":{"limits":{"nvidia.com/gpu":"8"}}}]}}},
             "status":{"observedGeneration":7,"replicas":8,"updatedReplicas":8,"readyReplicas":8,"availableReplicas":8,
               "conditions":[{"type":"Available","status":"True","reason":"MinimumReplicasAvailable"},{"type":"Progressing","status":"True","reason":"NewReplicaSetAvailable"}]}}
            """;
    }
}
