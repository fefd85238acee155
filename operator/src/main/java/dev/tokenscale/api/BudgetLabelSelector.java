package dev.tokenscale.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Map;

/** A Kubernetes label selector, documented field by field for kubectl explain. */
public class BudgetLabelSelector {

    /** Labels that must all be present with these values. */
    @JsonPropertyDescription("Labels that must all be present with exactly these values.")
    private Map<String, String> matchLabels;

    /** Requirements that must all hold. */
    @JsonPropertyDescription("Label requirements that must all hold, as in any Kubernetes label selector.")
    private List<BudgetLabelRequirement> matchExpressions;

    public Map<String, String> getMatchLabels() {
        return matchLabels;
    }

    public void setMatchLabels(Map<String, String> matchLabels) {
        this.matchLabels = matchLabels;
    }

    public List<BudgetLabelRequirement> getMatchExpressions() {
        return matchExpressions;
    }

    public void setMatchExpressions(List<BudgetLabelRequirement> matchExpressions) {
        this.matchExpressions = matchExpressions;
    }
}
