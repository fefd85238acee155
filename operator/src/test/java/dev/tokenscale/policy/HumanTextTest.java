package dev.tokenscale.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HumanTextTest {

    @Test
    void numbersHaveAtMostTwoDecimalsWithoutTrailingZerosAndHalvesRoundAwayFromZero() {
        assertThat(HumanText.number(72.5)).isEqualTo("72.5");
        assertThat(HumanText.number(620)).isEqualTo("620");
        assertThat(HumanText.number(1.0 / 3)).isEqualTo("0.33");
        assertThat(HumanText.number(0.05)).isEqualTo("0.05");
        assertThat(HumanText.number(0.125)).isEqualTo("0.13");
        assertThat(HumanText.number(1.005)).as("the decimal 1.005, not the double just below it").isEqualTo("1.01");
        assertThat(HumanText.number(-2.345)).isEqualTo("-2.35");
        assertThat(HumanText.number(-0.001)).isEqualTo("0");
        assertThat(HumanText.number(0.1 + 0.2)).isEqualTo("0.3");
        assertThat(HumanText.number(1e15)).isEqualTo("1000000000000000");
    }

    @Test
    void theFastPathWritesWhatTheDecimalFormWrites() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 200_000; i++) {
            double scale = Math.pow(10, random.nextInt(-3, 9));
            double value = (random.nextDouble() * 2 - 1) * scale;
            if (i % 4 == 0) {
                value = Math.round(value * 1000) / 1000.0;
            }
            assertThat(HumanText.number(value)).as("%s", value).isEqualTo(HumanText.exactNumber(value));
        }
    }
}
