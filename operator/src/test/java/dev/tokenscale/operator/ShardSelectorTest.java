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
