package dev.tokenscale.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/** One requirement of a label selector. */
public class BudgetLabelRequirement {

    /** The label key. */
    @Required
    @JsonPropertyDescription("The label key the requirement is about.")
    private String key;

    /** In, NotIn, Exists or DoesNotExist. */
    @Required
    @Pattern("^(In|NotIn|Exists|DoesNotExist)$")
    @JsonPropertyDescription("In, NotIn, Exists or DoesNotExist.")
    private String operator;

    /** The values for In and NotIn. */
    @JsonPropertyDescription("The values for In and NotIn; must be empty for Exists and DoesNotExist.")
    private List<String> values;

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    public String getOperator() {
        return operator;
    }

    public void setOperator(String operator) {
        this.operator = operator;
    }

    public List<String> getValues() {
        return values;
    }

    public void setValues(List<String> values) {
        this.values = values;
    }
}
