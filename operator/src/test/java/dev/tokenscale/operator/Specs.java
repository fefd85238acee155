package dev.tokenscale.operator;

import dev.tokenscale.api.CostSpec;
import dev.tokenscale.api.InferencePoolSpec;
import dev.tokenscale.api.ScaleTargetRef;

/** The smallest valid spec: a target, a max and a GPU price. Tests add to it. */
final class Specs {

    private Specs() {}

    static InferencePoolSpec minimal() {
        ScaleTargetRef target = new ScaleTargetRef();
        target.setApiVersion("apps/v1");
        target.setKind("Deployment");
        target.setName("llama-3-1-70b-vllm");
        CostSpec cost = new CostSpec();
        cost.setGpuHourlyCost(2.0);
        InferencePoolSpec spec = new InferencePoolSpec();
        spec.setScaleTargetRef(target);
        spec.setMaxReplicas(10);
        spec.setCost(cost);
        return spec;
    }
}
