package dev.tokenscale.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenscale.policy.LabelSelection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorTextTest {

    @Test
    void aScaleSelectorPicksPodsAsTheApiServerWould() {
        LabelSelection selector = LabelSelectorText.selection("app=llama,tier in (gpu, h100),canary notin (true),!debug,zone");

        assertThat(selector.matches(Map.of("app", "llama", "tier", "gpu", "zone", "a"))).isTrue();
        assertThat(selector.matches(Map.of("app", "llama", "tier", "h100", "zone", "a", "canary", "false"))).isTrue();
        assertThat(selector.matches(Map.of("app", "llama", "tier", "cpu", "zone", "a"))).isFalse();
        assertThat(selector.matches(Map.of("app", "llama", "tier", "gpu", "zone", "a", "canary", "true"))).isFalse();
        assertThat(selector.matches(Map.of("app", "llama", "tier", "gpu", "zone", "a", "debug", ""))).isFalse();
        assertThat(selector.matches(Map.of("app", "llama", "tier", "gpu"))).isFalse();
        assertThat(selector.matches(Map.of("app", "mistral", "tier", "gpu", "zone", "a"))).isFalse();
        assertThat(LabelSelectorText.selection("app==llama,role!=router").matches(Map.of("app", "llama"))).isTrue();
    }

    @Test
    void aStructuredSelectorIsRenderedInTheStringFormSlashScaleReports() {
        String text = LabelSelectorText.render(Map.of(
                "matchLabels", Map.of("tier", "gpu", "app", "llama"),
                "matchExpressions", List.of(Map.of("key", "zone", "operator", "In", "values", List.of("b", "a")),
                        Map.of("key", "canary", "operator", "DoesNotExist"))));

        assertThat(text).isEqualTo("app=llama,tier=gpu,zone in (a,b),!canary");
        assertThat(LabelSelectorText.selection(text).matches(Map.of("app", "llama", "tier", "gpu", "zone", "a"))).isTrue();
        assertThat(LabelSelectorText.render(null)).isEmpty();
    }

    @Test
    void aSelectorItCannotReadIsRefusedNamingThePart() {
        assertThatThrownBy(() -> LabelSelectorText.selection("app=llama,,tier=gpu"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty requirement");
        assertThatThrownBy(() -> LabelSelectorText.selection("tier within (gpu)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tier within (gpu)");
    }
}
