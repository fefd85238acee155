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

    /** At most two decimals, no trailing zeros, halves rounded away from zero: 72.5, 620, 0.33. */
    static String number(double value) {
        // The policy writes its trail at every evaluation, and a replay evaluates thousands of times:
        // cents from the double directly, unless the value is within a hair of a half cent, where only
        // its decimal form (BigDecimal's) says which way it rounds.
        if (Double.isFinite(value) && Math.abs(value) < 1e12) {
            double scaled = Math.abs(value) * 100;
            double fraction = scaled - Math.floor(scaled);
            if (Math.abs(fraction - 0.5) > 1e-6) {
                long cents = Math.round(scaled);
                String sign = value < 0 && cents != 0 ? "-" : "";
                long whole = cents / 100;
                long rest = cents % 100;
                if (rest == 0) {
                    return sign + whole;
                }
                return sign + whole + (rest % 10 == 0 ? "." + rest / 10 : rest < 10 ? ".0" + rest : "." + rest);
            }
        }
        return exactNumber(value);
    }

    /** {@link #number} through the value's decimal form. */
    static String exactNumber(double value) {
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
