package dev.tokenscale.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenscale.signals.LabelMatcher;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeriesSelectionTest {

    @Test
    void byDefaultSelectsTheNamespaceAndExactlyTheTargetsCurrentPods() {
        List<LabelMatcher> matchers = SeriesSelection.matchers("llm", Map.of(), List.of("llama-7d9f-abc", "llama-7d9f-def")).orElseThrow();

        assertThat(matchers).containsExactly(
                LabelMatcher.equalTo("namespace", "llm"),
                LabelMatcher.matching("pod", "llama-7d9f-abc|llama-7d9f-def"));
    }

    @Test
    void escapesRegexMetacharactersSoAPodNameMatchesOnlyItself() {
        List<LabelMatcher> matchers = SeriesSelection.matchers("llm", null, List.of("web.1", "a+b(c)|d")).orElseThrow();

        assertThat(matchers.get(1).value()).isEqualTo("web\\.1|a\\+b\\(c\\)\\|d");
        assertThat("webx1").doesNotMatch(matchers.get(1).value());
        assertThat("web.1").matches(matchers.get(1).value());
    }

    @Test
    void theUsersSelectorReplacesThePodMatcherButNeverTheNamespace() {
        List<LabelMatcher> matchers = SeriesSelection.matchers("llm", Map.of("model_name", "llama", "app", "vllm"),
                List.of("llama-0")).orElseThrow();

        assertThat(matchers).containsExactly(
                LabelMatcher.equalTo("namespace", "llm"),
                LabelMatcher.equalTo("app", "vllm"),
                LabelMatcher.equalTo("model_name", "llama"));
    }

    @Test
    void aTargetWithoutPodsSelectsNothingRatherThanEverySeriesWithoutAPodLabel() {
        assertThat(SeriesSelection.matchers("llm", Map.of(), List.of())).isEmpty();
    }

    @Test
    void withoutAPodListSelectsTheNamespaceAndTheUsersSelectorInLabelOrder() {
        assertThat(SeriesSelection.withoutPodList("llm", Map.of("model_name", "llama", "app", "vllm"))).containsExactly(
                LabelMatcher.equalTo("namespace", "llm"),
                LabelMatcher.equalTo("app", "vllm"),
                LabelMatcher.equalTo("model_name", "llama"));
    }

    @Test
    void withoutAPodListOrSelectorOnlyTheNamespaceIsSelected() {
        assertThat(SeriesSelection.withoutPodList("llm", Map.of())).containsExactly(LabelMatcher.equalTo("namespace", "llm"));
        assertThat(SeriesSelection.withoutPodList("llm", null)).containsExactly(LabelMatcher.equalTo("namespace", "llm"));
    }

    @Test
    void historyReadsThePodsTheControllersNameAfterTheTargetButNotASiblingWhoseNameExtendsIt() {
        List<LabelMatcher> matchers = SeriesSelection.historyMatchers("llm", Map.of(), "llama");
        String pods = matchers.get(1).value();

        assertThat(matchers.get(0)).isEqualTo(LabelMatcher.equalTo("namespace", "llm"));
        assertThat(List.of("llama-7d9f8b6c5d-x2k4q", "llama-0", "llama-12", "llama-3-1"))
                .allSatisfy(pod -> assertThat(pod).matches(pods));
        assertThat(List.of("llama-big-7d9f8b6c5d-x2k4q", "llama-big-0", "llama", "llamas-0", "other-llama-0"))
                .allSatisfy(pod -> assertThat(pod).doesNotMatch(pods));
    }

    @Test
    void historyWithTheUsersSelectorIsTheLiveSelectionWithoutAPodMatcher() {
        assertThat(SeriesSelection.historyMatchers("llm", Map.of("app", "vllm"), "llama")).containsExactly(
                LabelMatcher.equalTo("namespace", "llm"),
                LabelMatcher.equalTo("app", "vllm"));
    }
}
