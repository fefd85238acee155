package dev.tokenscale.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.tokenscale.api.Durations;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationParserTest {

    static Stream<Arguments> valid() {
        return Stream.of(
                arguments("500ms", Duration.ofMillis(500)),
                arguments("0.5ms", Duration.ofNanos(500_000)),
                arguments("1s", Duration.ofSeconds(1)),
                arguments("1.5s", Duration.ofMillis(1500)),
                arguments("15s", Duration.ofSeconds(15)),
                arguments("2m", Duration.ofMinutes(2)),
                arguments("0.25m", Duration.ofSeconds(15)),
                arguments("0s", Duration.ZERO),
                arguments("300s", Duration.ofMinutes(5)));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource("valid")
    void readsEveryFormTheCrdAccepts(String text, Duration expected) {
        assertThat(text).matches(Durations.PATTERN);
        assertThat(DurationParser.parse(text, "spec.cooldown.scaleUp")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "rejects \"{0}\"")
    @ValueSource(strings = {"", "60", "1h", "1.s", ".5s", "-1s", "1 s", "1S", "1m30s", "PT1S", "1e3ms", "1,5s"})
    void rejectsAnythingTheCrdRejectsAndNamesTheField(String text) {
        assertThat(text).doesNotMatch(Durations.PATTERN);
        assertThatThrownBy(() -> DurationParser.parse(text, "spec.cooldown.scaleUp"))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageStartingWith("spec.cooldown.scaleUp: '" + text + "' is not a duration");
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999999999999999m"})
    void rejectsADurationTooLongToRepresent(String text) {
        assertThatThrownBy(() -> DurationParser.parse(text, "spec.metrics.window"))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("spec.metrics.window: '" + text + "' is too long a duration");
    }
}
