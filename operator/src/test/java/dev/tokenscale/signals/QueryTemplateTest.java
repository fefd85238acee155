package dev.tokenscale.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryTemplateTest {

    @Test
    void fillsInTheMatchersWithoutBracesAndTheWindowAsAPromQlDuration() {
        QueryTemplate template = new QueryTemplate("sum(rate(x_total{{{matchers}},code=\"200\"}[{{window}}]))");

        assertThat(template.render("namespace=\"a\"", Duration.ofMinutes(2)))
                .isEqualTo("sum(rate(x_total{namespace=\"a\",code=\"200\"}[2m]))");
    }

    @Test
    void spellsWindowsInTheirShortestExactUnit() {
        assertThat(QueryTemplate.promQlDuration(Duration.ofHours(1))).isEqualTo("1h");
        assertThat(QueryTemplate.promQlDuration(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(QueryTemplate.promQlDuration(Duration.ofMinutes(3))).isEqualTo("3m");
        assertThat(QueryTemplate.promQlDuration(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }

    @Test
    void aTemplateWithoutMatchersIsScopedAllTheSameAndOneWithThemOnlyInACommentToo() {
        List<LabelMatcher> pool = List.of(LabelMatcher.equalTo("namespace", "a"));

        assertThat(new QueryTemplate("sum(vllm:num_requests_waiting)").scoped(pool, Duration.ofMinutes(2)))
                .isEqualTo("sum(vllm:num_requests_waiting{namespace=\"a\"})");
        assertThat(new QueryTemplate("sum(x) # {{matchers}}").scoped(pool, Duration.ofMinutes(2)))
                .isEqualTo("sum(x{namespace=\"a\"})");
    }

    @Test
    void refusesAnEmptyTemplateAndANonPositiveWindow() {
        assertThatThrownBy(() -> new QueryTemplate(" ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> QueryTemplate.promQlDuration(Duration.ZERO)).hasMessageContaining("positive");
    }
}
