package dev.tokenscale.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ScopedQueryTest {

    private static final List<LabelMatcher> POOL = List.of(LabelMatcher.equalTo("namespace", "team-a"),
            LabelMatcher.matching("pod", "chat-0|chat-1"));
    private static final String NS = "namespace=\"team-a\"";
    private static final String OURS = NS + ",pod=~\"chat-0|chat-1\"";

    private static String scoped(String query) {
        return ScopedQuery.scope(query, POOL);
    }

    @Test
    void aBareMetricNameGetsThePoolsMatchers() {
        assertThat(scoped("up")).isEqualTo("up{" + OURS + "}");
    }

    @Test
    void matchersTheQueryAlreadyHasStayAndOnlyTheMissingOnesAreAdded() {
        assertThat(scoped("sum(q{" + NS + ",code=\"200\"})")).isEqualTo("sum(q{" + NS + ",code=\"200\",pod=~\"chat-0|chat-1\"})");
        assertThat(scoped("sum(q{" + OURS + "})")).isEqualTo("sum(q{" + OURS + "})");
        assertThat(scoped("q{code=\"200\",}")).isEqualTo("q{code=\"200\"," + OURS + "}");
        assertThat(scoped("q{}")).isEqualTo("q{" + OURS + "}");
    }

    @Test
    void theShippedPresetsShapesKeepTheirMeaning() {
        assertThat(scoped("histogram_quantile(0.99, sum by (le) (rate(vllm:time_to_first_token_seconds_bucket[2m]))) * 1000"
                + " or histogram_quantile(0.99, sum(rate(x_bucket{" + OURS + "}[2m])) by (le)) * 1000"))
                .isEqualTo("histogram_quantile(0.99, sum by (le) (rate(vllm:time_to_first_token_seconds_bucket{" + OURS + "}[2m])))"
                        + " * 1000 or histogram_quantile(0.99, sum(rate(x_bucket{" + OURS + "}[2m])) by (le)) * 1000");
        assertThat(scoped("avg(a or b) * 100")).isEqualTo("avg(a{" + OURS + "} or b{" + OURS + "}) * 100");
    }

    @Test
    void everySelectorOfABinaryExpressionIsScopedWhateverJoinsThem() {
        assertThat(scoped("a / on(pod) group_left(node) b > bool 1 unless c offset 5m and d @ start()"))
                .isEqualTo("a{" + OURS + "} / on(pod) group_left(node) b{" + OURS + "} > bool 1 unless c{" + OURS
                        + "} offset 5m and d{" + OURS + "} @ start()");
        assertThat(scoped("a * ignoring(x) group_right c")).isEqualTo("a{" + OURS + "} * ignoring(x) group_right c{" + OURS + "}");
    }

    @Test
    void subqueriesFunctionsAndStringArgumentsAreReadAsSuch() {
        assertThat(scoped("max_over_time(rate(x[1m])[10m:30s] @ 1700000000)"))
                .isEqualTo("max_over_time(rate(x{" + OURS + "}[1m])[10m:30s] @ 1700000000)");
        assertThat(scoped("label_replace(up, \"namespace\", \"team-b\", \"\", \"\")"))
                .isEqualTo("label_replace(up{" + OURS + "}, \"namespace\", \"team-b\", \"\", \"\")");
        assertThat(scoped("count_values(\"v\", x) + topk(3, y) + quantile(0.5, z)"))
                .isEqualTo("count_values(\"v\", x{" + OURS + "}) + topk(3, y{" + OURS + "}) + quantile(0.5, z{" + OURS + "})");
    }

    @Test
    void aSelectorInsideAStringLiteralStaysText() {
        assertThat(scoped("label_replace(x, \"a\", \"other{namespace=\\\"team-b\\\"} # not a comment\", \"b\", 'c\\'d')"))
                .isEqualTo("label_replace(x{" + OURS + "}, \"a\", \"other{namespace=\\\"team-b\\\"} # not a comment\", \"b\", 'c\\'d')");
        assertThat(scoped("x + count(`raw {namespace=\"b\"}`)")).startsWith("x{" + OURS + "} + count(`raw");
    }

    @Test
    void commentsAreDroppedSoTheyCanNeitherHideNorPretendScope() {
        assertThat(scoped("sum(x) # {" + NS + "}\n or sum({__name__=~\".+\"}) # the real query"))
                .isEqualTo("sum(x{" + OURS + "}) \n or sum({__name__=~\".+\"," + OURS + "})");
        assertThat(scoped("x{# a comment inside the selector\n code=\"1\"}")).isEqualTo("x{\n code=\"1\"," + OURS + "}");
    }

    @Test
    void aNameThatCouldBeAKeywordOrAMetricIsScopedNotTrusted() {
        assertThat(scoped("sum + or")).isEqualTo("sum{" + OURS + "} + or{" + OURS + "}");
        assertThat(scoped("rate(offset[5m])")).isEqualTo("rate(offset{" + OURS + "}[5m])");
        assertThat(scoped("NaN")).isEqualTo("NaN{" + OURS + "}");
        assertThat(scoped("sum{a=\"b\"}")).isEqualTo("sum{a=\"b\"," + OURS + "}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "x{namespace=~\".*\"}|its own namespace matcher namespace=~\".*\"",
        "x{namespace!=\"team-a\"}|its own namespace matcher namespace!=\"team-a\"",
        "x{namespace=\"team-b\"}|its own namespace matcher namespace=\"team-b\"",
        "x{\"namespace\"=\"team-a\"}|a quoted namespace label",
        "x{a=\"1\" or b=\"2\"}|not separated by commas",
        "x{a=~\"1\" b=\"2\"}|not separated by commas",
        "x{a=b}|'a' in a selector",
        "x{a=\"1\"|a selector that never ends",
        "x[foo]|a name inside [...]",
        "sum by (le, rate(x)) (y)|'(' in a list of label names",
        "x; y|the character ';'",
        "x{a=\"unterminated}|a string that never ends",
        "x \\ y|the character '\\'",
    })
    void refusesWhatItCannotScope(String query, String reason) {
        assertThatThrownBy(() -> scoped(query)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot read the query at character ").hasMessageContaining(reason);
    }

    @Test
    void theLexerKeepsEveryCharacterOfTheQuery() {
        String query = "sum by (le) (rate(a:b_c{x=~\"\\\\d+\"}[1h30m])) # c\n / .5e3 @ end() != bool 0x1F";
        assertThat(PromQlLexer.tokens(query)).extracting(PromQlLexer.Token::text).containsExactly(
                "sum", " ", "by", " ", "(", "le", ")", " ", "(", "rate", "(", "a:b_c", "{", "x", "=~", "\"\\\\d+\"", "}",
                "[", "1h30m", "]", ")", ")", " ", "# c", "\n ", "/", " ", ".5e3", " ", "@", " ", "end", "(", ")", " ",
                "!=", " ", "bool", " ", "0x1F");
    }
}
