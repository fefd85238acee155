package dev.tokenscale.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A pool of LLM inference workers that tokenscale scales by latency SLOs, utilization, queue depth
 * and cost. Not to be confused with the Gateway API Inference Extension's {@code InferencePool}
 * (group {@code inference.networking.x-k8s.io}), which routes requests rather than scaling workers.
 */
@Group(InferencePool.GROUP)
@Version(InferencePool.VERSION)
@Kind("InferencePool")
@Plural("inferencepools")
@Singular("inferencepool")
@ShortNames("ipool")
@AdditionalPrinterColumn(name = "Target", jsonPath = ".spec.scaleTargetRef.name", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Priority", jsonPath = ".spec.priority", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Mode", jsonPath = ".spec.mode", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Min", jsonPath = ".spec.minReplicas", type = AdditionalPrinterColumn.Type.INTEGER, priority = 1)
@AdditionalPrinterColumn(name = "Max", jsonPath = ".spec.maxReplicas", type = AdditionalPrinterColumn.Type.INTEGER, priority = 1)
@AdditionalPrinterColumn(name = "Replicas", jsonPath = ".status.replicas", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Desired", jsonPath = ".status.desiredReplicas", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "TTFT-P99", jsonPath = ".status.signals.ttftP99Ms", type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(name = "TPOT-P99", jsonPath = ".status.signals.tpotP99Ms", type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(name = "Util", jsonPath = ".status.signals.utilizationPercent", type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(name = "$/h", jsonPath = ".status.cost.hourly", type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class InferencePool extends CustomResource<InferencePoolSpec, InferencePoolStatus> implements Namespaced {

    public static final String GROUP = "tokenscale.dev";
    public static final String VERSION = "v1alpha1";

    @Override
    @JsonPropertyDescription("What to scale, within which bounds, against which latency SLOs and at what cost.")
    public InferencePoolSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("What the operator last saw and decided for the pool. Written by the operator only.")
    public InferencePoolStatus getStatus() {
        return super.getStatus();
    }
}
