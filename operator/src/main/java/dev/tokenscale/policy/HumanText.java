package dev.tokenscale.policy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;

/**
 * How the policy writes numbers and durations into messages and the explain trail, so "500ms" in a
 * spec reads back as "500ms" and not "PT0.5S".
 */
public final class HumanText {

    private HumanText() {}

    /** At most two decimals, no trailing zeros: 72.5, 620, 0.33. */
    static String number(double value) {
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        return rounded.scale() < 0 ? rounded.setScale(0).toPlainString() : rounded.toPlainString();
    }

    static String millis(double value) {
        return number(value) + "ms";
    }

    static String percent(double value) {
        return number(value) + "%";
    }

    static String money(double value) {
        return String.format(Locale.ROOT, "$%.2f", value);
    }

    /** 1500ms reads "1.5s", 90s reads "1m30s", 250ms reads "250ms". */
    public static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        long minutes = millis / 60_000;
        long restMillis = millis % 60_000;
        String seconds = restMillis == 0 ? "" : number(restMillis / 1000.0) + "s";
        return minutes == 0 ? seconds : minutes + "m" + seconds;
    }
}
