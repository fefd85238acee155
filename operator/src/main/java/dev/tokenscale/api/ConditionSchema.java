package dev.tokenscale.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * The schema of one status condition, documented field by field. Only the CRD generator reads it
 * (through {@code @SchemaFrom} on {@code status.conditions}); the operator writes fabric8's
 * {@code Condition}, which has the same fields but no descriptions for {@code kubectl explain}.
 */
public final class ConditionSchema {

    @Required
    @JsonPropertyDescription("The condition's type: on a pool Ready, MetricsAvailable, ScalingActive, ScalingLimited, SLOMet or BudgetLimited; on a budget Ready or OverCommitted.")
    public String type;

    @Required
    @Pattern("^(True|False|Unknown)$")
    @JsonPropertyDescription("True, False or Unknown.")
    public String status;

    @JsonPropertyDescription("A CamelCase word saying why the condition has this status.")
    public String reason;

    @JsonPropertyDescription("What the condition means now, in one human sentence.")
    public String message;

    @JsonPropertyDescription("When the status last changed, RFC 3339.")
    public String lastTransitionTime;

    @JsonPropertyDescription("The metadata.generation of the spec the condition was set for.")
    public Long observedGeneration;

    private ConditionSchema() {}
}
