package dev.tokenscale.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionSetTest {

    @Test
    void keepsLastTransitionTimeWhileTheStatusStaysTheSame() {
        List<Condition> first = new ConditionSet(List.of(), 1L, "2026-01-01T00:00:00Z")
                .set(ConditionSet.SLO_MET, true, "WithinSLO", "P99 TTFT 200ms").build();

        List<Condition> second = new ConditionSet(first, 2L, "2026-01-01T00:05:00Z")
                .set(ConditionSet.SLO_MET, true, "WithinSLO", "P99 TTFT 250ms").build();

        assertThat(second).singleElement().satisfies(c -> {
            assertThat(c.getLastTransitionTime()).isEqualTo("2026-01-01T00:00:00Z");
            assertThat(c.getMessage()).isEqualTo("P99 TTFT 250ms");
            assertThat(c.getObservedGeneration()).isEqualTo(2L);
        });
    }

    @Test
    void movesLastTransitionTimeWhenTheStatusChanges() {
        List<Condition> first = new ConditionSet(List.of(), 1L, "2026-01-01T00:00:00Z")
                .set(ConditionSet.SLO_MET, true, "WithinSLO", "ok").build();

        List<Condition> second = new ConditionSet(first, 1L, "2026-01-01T00:05:00Z")
                .set(ConditionSet.SLO_MET, false, "SLOViolated", "ttftP99Ms 900ms").build();

        assertThat(second).singleElement().satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getLastTransitionTime()).isEqualTo("2026-01-01T00:05:00Z");
        });
    }

    @Test
    void keepsConditionsThatWereNotSetAgainUnchanged() {
        List<Condition> first = new ConditionSet(List.of(), 1L, "2026-01-01T00:00:00Z")
                .set(ConditionSet.READY, true, "Evaluated", "ok")
                .set(ConditionSet.SLO_MET, true, "WithinSLO", "ok").build();

        List<Condition> second = new ConditionSet(first, 1L, "2026-01-01T00:05:00Z")
                .set(ConditionSet.READY, false, "TargetNotFound", "gone").build();

        assertThat(second).extracting(Condition::getType).containsExactly("Ready", "SLOMet");
        assertThat(second.get(1)).isEqualTo(first.get(1));
    }
}
