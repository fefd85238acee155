package dev.tokenscale.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenscale.api.BudgetLabelRequirement;
import dev.tokenscale.api.BudgetLabelSelector;
import dev.tokenscale.api.InferenceBudgetSpec;
import dev.tokenscale.api.InferencePoolSpec;
import dev.tokenscale.api.PoolPriority;
import dev.tokenscale.policy.BudgetLimit;
import dev.tokenscale.policy.LabelSelection;
import dev.tokenscale.policy.Priority;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BudgetSpecMappingTest {

    @Test
    void aPoolWithoutPriorityIsInteractiveAndBatchIsPreemptable() {
        InferencePoolSpec spec = new InferencePoolSpec();
        assertThat(BudgetSpecMapping.priority(spec)).isEqualTo(Priority.INTERACTIVE);

        spec.setPriority(PoolPriority.BATCH);
        assertThat(BudgetSpecMapping.priority(spec)).isEqualTo(Priority.BATCH);
        assertThat(BudgetSpecMapping.priority(spec).preemptable()).isTrue();
    }

    @Test
    void aBudgetTakesEitherLimitOrBoth() {
        InferenceBudgetSpec spec = new InferenceBudgetSpec();
        spec.setMaxGPUs(16);
        assertThat(BudgetSpecMapping.limit(spec)).isEqualTo(new BudgetLimit(null, 16));

        spec.setMaxHourlyCost(100.0);
        assertThat(BudgetSpecMapping.limit(spec)).isEqualTo(new BudgetLimit(100.0, 16));
    }

    @Test
    void aBudgetTheSchemaWouldRefuseIsRefusedNamingTheField() {
        InferenceBudgetSpec none = new InferenceBudgetSpec();
        assertThatThrownBy(() -> BudgetSpecMapping.limit(none)).hasMessage("spec: set maxHourlyCost, maxGPUs or both");

        InferenceBudgetSpec negative = new InferenceBudgetSpec();
        negative.setMaxHourlyCost(-5.0);
        assertThatThrownBy(() -> BudgetSpecMapping.limit(negative)).hasMessageStartingWith("spec.maxHourlyCost:");

        InferenceBudgetSpec negativeGpus = new InferenceBudgetSpec();
        negativeGpus.setMaxGPUs(-1);
        assertThatThrownBy(() -> BudgetSpecMapping.limit(negativeGpus)).hasMessageStartingWith("spec.maxGPUs:");
    }

    @Test
    void aSelectorMapsToPlainValuesAndAnUnknownOperatorIsNamed() {
        BudgetLabelRequirement inTeams = requirement("team", "In", List.of("search", "ads"));
        BudgetLabelSelector selector = new BudgetLabelSelector();
        selector.setMatchLabels(Map.of("tier", "gpu"));
        selector.setMatchExpressions(List.of(inTeams));

        LabelSelection selection = BudgetSpecMapping.selection(selector, "spec.poolSelector");

        assertThat(selection.matches(Map.of("tier", "gpu", "team", "ads"))).isTrue();
        assertThat(selection.matches(Map.of("tier", "gpu", "team", "infra"))).isFalse();
        assertThat(BudgetSpecMapping.selection(null, "spec.poolSelector").matches(Map.of())).isTrue();

        selector.setMatchExpressions(List.of(requirement("team", "Equals", List.of("x"))));
        assertThatThrownBy(() -> BudgetSpecMapping.selection(selector, "spec.poolSelector"))
                .hasMessageStartingWith("spec.poolSelector.matchExpressions[0].operator: 'Equals'");
    }

    private static BudgetLabelRequirement requirement(String key, String operator, List<String> values) {
        BudgetLabelRequirement r = new BudgetLabelRequirement();
        r.setKey(key);
        r.setOperator(operator);
        r.setValues(values);
        return r;
    }
}
