package dev.tokenscale.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A GPU budget shared by the InferencePools it selects, granted by their priority. Cluster-scoped,
 * since its pools may live in several namespaces; a pool belongs to at most one budget.
 */
@Group(InferencePool.GROUP)
@Version(InferencePool.VERSION)
@Kind("InferenceBudget")
@Plural("inferencebudgets")
@Singular("inferencebudget")
@ShortNames("ibudget")
@AdditionalPrinterColumn(name = "Max-$/h", jsonPath = ".spec.maxHourlyCost", type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(name = "Max-GPUs", jsonPath = ".spec.maxGPUs", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "$/h", jsonPath = ".status.spentPerHour", type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(name = "GPUs", jsonPath = ".status.gpus", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Pools", jsonPath = ".status.poolCount", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Capped", jsonPath = ".status.cappedPools", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class InferenceBudget extends CustomResource<InferenceBudgetSpec, InferenceBudgetStatus> {

    @Override
    @JsonPropertyDescription("The limits of the budget and which pools share it.")
    public InferenceBudgetSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("What the budget's pools want, what they were granted and what that costs. Written by the operator only.")
    public InferenceBudgetStatus getStatus() {
        return super.getStatus();
    }
}
