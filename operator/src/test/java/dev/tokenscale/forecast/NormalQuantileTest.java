package dev.tokenscale.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NormalQuantileTest {

    @Test
    void matchesTheTablesStandardNormalQuantiles() {
        assertThat(NormalQuantile.of(0.5)).isCloseTo(0, within(1e-9));
        assertThat(NormalQuantile.of(0.9)).isCloseTo(1.2815516, within(1e-6));
        assertThat(NormalQuantile.of(0.975)).isCloseTo(1.9599640, within(1e-6));
        assertThat(NormalQuantile.of(0.99)).isCloseTo(2.3263479, within(1e-6));
        assertThat(NormalQuantile.of(0.01)).isCloseTo(-2.3263479, within(1e-6));
    }
}
