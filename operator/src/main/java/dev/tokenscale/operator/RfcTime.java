package dev.tokenscale.operator;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Parses the RFC 3339 times of status, the state file and {@code --now}, with one wording for
 * both kinds of failure: text that is no time, and a time past what {@link Instant} can hold.
 */
public final class RfcTime {

    private RfcTime() {}

    /** @throws IllegalArgumentException whose message quotes the text and says which problem it has */
    public static Instant parse(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            if (e.getCause() instanceof DateTimeException) {
                throw new IllegalArgumentException("'" + text + "' is outside the range of times tokenscale handles"
                        + " (" + Instant.MIN + " to " + Instant.MAX + ")", e);
            }
            throw new IllegalArgumentException("'" + text + "' is not an RFC 3339 time such as 2026-01-01T00:00:00Z", e);
        }
    }
}
