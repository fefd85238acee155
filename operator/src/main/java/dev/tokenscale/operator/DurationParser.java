package dev.tokenscale.operator;

import dev.tokenscale.api.Durations;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the spec's durations ("500ms", "1.5s", "2m"): exactly the syntax of
 * {@link Durations#PATTERN}, the one the CRD schema enforces, so the API server and the operator
 * agree on what is valid.
 */
public final class DurationParser {

    private static final Pattern SYNTAX = Pattern.compile(Durations.PATTERN);
    private static final BigDecimal NANOS_PER_MILLI = BigDecimal.valueOf(1_000_000L);
    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);
    private static final BigDecimal NANOS_PER_MINUTE = BigDecimal.valueOf(60_000_000_000L);

    private DurationParser() {}

    /**
     * @param field the path named in the error, e.g. {@code spec.cooldown.scaleUp}
     * @throws InvalidSpecException when the text is not a duration of that syntax or is too large
     */
    public static Duration parse(String text, String field) {
        Matcher matcher = text == null ? null : SYNTAX.matcher(text);
        if (matcher == null || !matcher.matches()) {
            throw new InvalidSpecException(field, "'" + text
                    + "' is not a duration; write a number and a unit of ms, s or m, e.g. 500ms, 1.5s or 2m");
        }
        BigDecimal amount = new BigDecimal(matcher.group(1));
        BigDecimal unit = switch (matcher.group(3)) {
            case "ms" -> NANOS_PER_MILLI;
            case "s" -> NANOS_PER_SECOND;
            default -> NANOS_PER_MINUTE;
        };
        try {
            return Duration.ofNanos(amount.multiply(unit).setScale(0, RoundingMode.HALF_UP).longValueExact());
        } catch (ArithmeticException tooLarge) {
            throw new InvalidSpecException(field, "'" + text + "' is too long a duration");
        }
    }
}
