package dev.tokenscale.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PromQlSelectorTest {

    @Test
    void rendersNamespaceFirstThenTheSelectorInTheGivenOrder() {
        String selector = PromQlSelector.render(List.of(
                LabelMatcher.equalTo("namespace", "team-a"),
                LabelMatcher.equalTo("app", "chat"),
                LabelMatcher.matching("pod", "chat-0|chat-1")));

        assertThat(selector).isEqualTo("namespace=\"team-a\",app=\"chat\",pod=~\"chat-0|chat-1\"");
    }

    @Test
    void escapesQuoteBackslashAndLineBreaksInsideTheLiteral() {
        assertThat(PromQlSelector.quote("a\"b\\c\nd\re\tf")).isEqualTo("\"a\\\"b\\\\c\\nd\\re\\tf\"");
    }

    @Test
    void leavesClosingBraceCommaAndEqualsSignAsTheyAreBecauseTheyCannotEndAQuotedLiteral() {
        assertThat(PromQlSelector.quote("x},y=\"z")).isEqualTo("\"x},y=\\\"z\"");
    }

    @Test
    void escapesOtherControlCharactersThatPromQlWouldRejectRaw() {
        assertThat(PromQlSelector.quote("a\u0000b\u001fc\u007f")).isEqualTo("\"a\\u0000b\\u001fc\\u007f\"");
    }

    @Test
    void aHostileValueStaysExactlyOneLiteralThatDecodesBackToItself() {
        List<String> hostile = List.of(
                "x\"} or vllm:num_requests_waiting{namespace=~\".*",
                "x\",namespace=~\".+",
                "\\\"}",
                "ends with backslash\\",
                "line\nbreak\"}",
                "}{\"\\\n\r\t");
        for (String value : hostile) {
            assertThat(decodeSingleLiteral(PromQlSelector.quote(value))).as(value).isEqualTo(value);
        }
    }

    @Test
    void randomValuesAlwaysRoundTripThroughOneLiteral() {
        Random random = new Random(42);
        String alphabet = "ab\"\\}{,=~\n\r\t !x\u0001\u2028é";
        for (int i = 0; i < 2000; i++) {
            StringBuilder value = new StringBuilder();
            for (int j = random.nextInt(12); j > 0; j--) {
                value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertThat(decodeSingleLiteral(PromQlSelector.quote(value.toString()))).isEqualTo(value.toString());
        }
    }

    @Test
    void refusesMatchersThatDoNotStartWithTheNamespace() {
        assertThatThrownBy(() -> PromQlSelector.render(List.of(LabelMatcher.equalTo("app", "chat"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("first label matcher must be namespace");
        assertThatThrownBy(() -> PromQlSelector.render(List.of(LabelMatcher.matching("namespace", ".*"))))
                .hasMessageContaining("first label matcher must be namespace");
        assertThatThrownBy(() -> PromQlSelector.render(List.of(LabelMatcher.equalTo("namespace", ""))))
                .hasMessageContaining("first label matcher must be namespace");
        assertThatThrownBy(() -> PromQlSelector.render(List.of()))
                .hasMessageContaining("no label matchers");
    }

    /**
     * Reads a PromQL double-quoted literal the way Prometheus' lexer does and fails unless the literal
     * spans the whole text, i.e. nothing after it could be parsed as more selector.
     */
    private static String decodeSingleLiteral(String text) {
        assertThat(text).startsWith("\"");
        StringBuilder out = new StringBuilder();
        int i = 1;
        while (true) {
            assertThat(i).as("unterminated literal %s", text).isLessThan(text.length());
            char c = text.charAt(i);
            assertThat(c).as("raw line break in %s", text).isNotIn('\n', '\r');
            if (c == '"') {
                assertThat(i).as("literal ends before the text does: %s", text).isEqualTo(text.length() - 1);
                return out.toString();
            }
            if (c == '\\') {
                char e = text.charAt(i + 1);
                switch (e) {
                    case '\\' -> out.append('\\');
                    case '"' -> out.append('"');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
                        i += 4;
                    }
                    default -> throw new AssertionError("unknown escape \\" + e + " in " + text);
                }
                i += 2;
            } else {
                out.append(c);
                i++;
            }
        }
    }
}
