package dev.tokenscale.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ShardSelectorTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tokenscale.dev/shard=a", "shard==a", "tokenscale.dev/shard!=b", "shard", "!shard",
            "shard in (a,b)", "shard notin (a, b),team=search", " tier = gpu , zone!=us-east-1a ", "shard="})
    void theApiServersSelectorGrammarIsAccepted(String text) {
        assertThat(new ShardSelector(text).text()).isEqualTo(text.trim());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a b|'a b' is not a label requirement",
            "shard=a,|an empty requirement between commas",
            "shard=a b|'shard=a b' is not a label requirement",
            "shard in (a,b c)|'b c' is not a label value",
            "shard in a|write a set as key in (a,b)",
            "-shard=a|'-shard=a' is not a label requirement",
            "Tokenscale.Dev/shard=a|is not a label requirement"})
    void aBadSelectorIsRefusedNamingTheRequirement(String text, String message) {
        assertThatThrownBy(() -> new ShardSelector(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    /** Labels as "k=v;k2=v2", empty for none; the selector's answer as the API server would give it. */
    @ParameterizedTest(name = "{0} on [{1}]")
    @CsvSource(delimiter = '|', value = {
            "shard=b|shard=b|true",
            "shard==b|shard=a|false",
            "shard=b||false",
            "shard!=b||true",
            "shard!=b|shard=b|false",
            "shard!=b|shard=a|true",
            "shard|shard=|true",
            "shard||false",
            "!shard||true",
            "!shard|shard=a|false",
            "shard in (a, b)|shard=b|true",
            "shard in (a,b)|shard=c|false",
            "shard notin (a,b)||true",
            "shard notin (a,b)|shard=a|false",
            "shard=,team=search|shard=;team=search|true",
            "shard=,team=search|team=search|false",
            " tier = gpu , zone!=us-east-1a |tier=gpu;zone=us-west-2|true"})
    void theSelectorMatchesLabelsAsTheApiServerDoes(String text, String labels, boolean matches) {
        java.util.Map<String, String> map = new java.util.HashMap<>();
        if (labels != null) {
            for (String pair : labels.split(";")) {
                String[] kv = pair.split("=", -1);
                map.put(kv[0], kv[1]);
            }
        }
        assertThat(new ShardSelector(text).selection().matches(map)).isEqualTo(matches);
    }

    @Test
    void anEmptySelectorIsRefused() {
        assertThatThrownBy(() -> new ShardSelector("  ")).hasMessageContaining("empty");
    }

    @Test
    void eachShardDerivesItsOwnLeaseName() {
        String a = new ShardSelector("tokenscale.dev/shard=a").derivedLeaseName();
        String b = new ShardSelector("tokenscale.dev/shard=b").derivedLeaseName();
        assertThat(a).startsWith("tokenscale-operator-").hasSize("tokenscale-operator-".length() + 10).isNotEqualTo(b)
                .isEqualTo(new ShardSelector(" tokenscale.dev/shard=a ").derivedLeaseName());
    }
}
