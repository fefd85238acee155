package dev.tokenscale.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
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
    void refusesATemplateWithoutMatchersBecauseItWouldReadOtherNamespaces() {
        assertThatThrownBy(() -> new QueryTemplate("sum(vllm:num_requests_waiting)"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no {{matchers}}")
                .hasMessageContaining("outside the pool's namespace");
    }

    @Test
    void refusesAnEmptyTemplateAndANonPositiveWindow() {
        assertThatThrownBy(() -> new QueryTemplate(" ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> QueryTemplate.promQlDuration(Duration.ZERO)).hasMessageContaining("positive");
    }
}
