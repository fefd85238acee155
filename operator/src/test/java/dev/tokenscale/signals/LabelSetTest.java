package dev.tokenscale.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSetTest {

    @Test
    void aLabelSetIsEqualToAndHashesLikeAnyMapWithTheSameLabels() {
        Map<String, String> labels = Map.of("pod", "p-0", "namespace", "a", "le", "+Inf");
        LabelSet set = LabelSet.of(new HashMap<>(labels));

        assertThat(set).isEqualTo(labels).hasSameHashCodeAs(labels).hasSize(3);
        assertThat(labels).isEqualTo(set);
        assertThat(set.get("le")).isEqualTo("+Inf");
        assertThat(set.get("model_name")).isNull();
        assertThat(set.get(7)).isNull();
        assertThat(set.getOrDefault("model_name", "")).isEmpty();
        assertThat(set.containsKey("pod")).isTrue();
        assertThat(set.keySet()).containsExactly("le", "namespace", "pod");
        assertThat(LabelSet.of(Map.of())).isEmpty();
    }

    @Test
    void aLabelSetCannotBeChangedOrHoldANull() {
        LabelSet set = LabelSet.of(Map.of("pod", "p-0"));

        assertThatThrownBy(() -> set.put("pod", "p-1")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> set.entrySet().iterator().next().setValue("p-1")).isInstanceOf(UnsupportedOperationException.class);
        Map<String, String> withNull = new HashMap<>();
        withNull.put("pod", null);
        assertThatThrownBy(() -> LabelSet.of(withNull)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void seriesWithTheSameNamesShareOneArrayOfNames() {
        Map<List<String>, String[]> shared = new HashMap<>();
        LabelSet first = LabelSet.of(Map.of("pod", "p-0", "le", "1"), names -> shared.computeIfAbsent(Arrays.asList(names), k -> names));
        LabelSet second = LabelSet.of(Map.of("le", "2", "pod", "p-0"), names -> shared.computeIfAbsent(Arrays.asList(names), k -> names));

        assertThat(shared).hasSize(1);
        assertThat(first).isNotEqualTo(second);
        assertThat(second).containsEntry("le", "2").containsEntry("pod", "p-0");
    }
}
