package dev.tokenscale.operator;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The precision status numbers are written with, so that {@code kubectl get ipool} and
 * {@code kubectl describe} read like figures rather than doubles ({@code 900.000000000001},
 * {@code 1.9444444444444444}). Decisions are made on the unrounded values; only what is shown is rounded.
 */
final class StatusRounding {

    private StatusRounding() {}

    /** Latencies, percentages, queue depth and tokens/s: to one decimal. */
    static Double tenths(Double value) {
        return scaled(value, 1);
    }

    /** Dollars: to the cent. */
    static Double cents(Double value) {
        return scaled(value, 2);
    }

    /** A price per million tokens spans orders of magnitude, so it keeps 4 significant figures. */
    static Double fourSignificant(Double value) {
        if (value == null || !Double.isFinite(value)) {
            return value;
        }
        return new BigDecimal(value).round(new MathContext(4, RoundingMode.HALF_UP)).doubleValue();
    }

    private static Double scaled(Double value, int decimals) {
        if (value == null || !Double.isFinite(value)) {
            return value;
        }
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }
}
