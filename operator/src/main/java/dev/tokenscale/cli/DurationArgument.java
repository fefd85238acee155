package dev.tokenscale.cli;

import dev.tokenscale.operator.DurationParser;
import dev.tokenscale.operator.InvalidSpecException;
import java.time.Duration;

/** A duration option in the CRD's syntax (500ms, 1.5s, 2m), with errors that name the option. */
final class DurationArgument {

    private DurationArgument() {}

    static Duration parse(String text, String option) {
        try {
            return DurationParser.parse(text, option);
        } catch (InvalidSpecException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }
}
